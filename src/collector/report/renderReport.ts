import { CHANNELS } from '../../core/limits';
import type { Alert } from './alerts';
import { alertText } from './alerts';
import type { CxReport } from './buildCxReport';
import { emotionTextColour, hbars, histogram, hourBars, pointLabel } from './charts';
import type { Delta } from './comparison';
import { renderCurve, type CurveColumn } from './curve';
import { escapeHtml as e } from './escapeHtml';
import { renderHeatmap } from './heatmap';
import { strings, type ReportStrings } from './i18n';
import type { PlaceStats } from './placeStats';
import type { StageColumn, TouchpointCard } from './reportTypes';
import type { Estimate } from './stats';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f5f6f8}
header,main,footer{max-width:1400px;margin:0 auto;padding:12px 16px}h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em}
h3{font-size:1em;margin:0 0 .3em}.muted{color:#5f6368;font-size:.9em}
form.filter{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:.6em 0}label{display:flex;flex-direction:column;font-size:.8em;color:#444}
input,select,button{font:inherit;padding:6px 8px;min-height:44px;border:1px solid #bbb;border-radius:6px;background:#fff}button{background:#1d4ed8;color:#fff;border:0;padding:6px 16px}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px}.tile{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px #0001}
.tile b{display:block;font-size:1.4em}.stages{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:10px;align-items:start}
@media (max-width:900px){.stages{grid-template-columns:1fr}}.stage>h3{background:#e8edf7;border-radius:8px;padding:8px 10px}
.card{background:#fff;border-radius:8px;padding:10px 12px;margin:8px 0;box-shadow:0 1px 2px #0001;border-left:5px solid #c9d2e3}
.card.down{border-left-color:#c5221f;background:#fff7f6}.badge{display:inline-block;font-size:.75em;padding:1px 6px;border-radius:9px;background:#eef1f6;margin:0 4px 2px 0}
.badge.bad{background:#c5221f;color:#fff}.badge.dir{background:#fff4ce;color:#5c4400}.emo{font-weight:600}ul{margin:.2em 0 .4em;padding-left:1.2em}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(300px,100%),1fr));gap:12px}.grid2>*,.stages>*{min-width:0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eee}
.panel{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px #0001}.scroll{overflow-x:auto;max-width:100%;position:relative}
.delta{font-size:.8em;display:block}.delta.up{color:#146c2e}.delta.down{color:#a50e0e}.delta.flat{color:#5f6368}
details{margin:.3em 0}summary{cursor:pointer;min-height:32px;padding:4px 0}.legend{white-space:nowrap}
table.heatmap{width:auto;font-size:.8em}table.heatmap td,table.heatmap th{text-align:center;padding:4px 5px;min-width:28px}
table.heatmap td.closed{background:#eceff3;color:#5f6368}table.heatmap td.heat.closed{outline:2px dashed #5f6368;outline-offset:-3px}
caption{text-align:left;font-weight:600;padding:4px 0}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.alert{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;border-left:5px solid #c5221f;margin:6px 0}
.alert form{margin:0}svg.curve{display:block}
a{color:#1d4ed8}@media (forced-colors:active){.card.down,.alert{border-left:5px solid Mark}}
`;

/** What the page needs besides the report: how to build its links and the alert forms. */
export interface RenderContext {
  /** Query parameters to keep on links and forms (the report credential). */
  keep?: Record<string, string>;
  /** CSRF token of an alert's acknowledge form. */
  csrf?: (alertId: string) => string;
}

/** Formatting helpers of one page. */
interface Fmt {
  t: ReportStrings;
  n: (x: number) => string;
  pct: (x: number | null) => string;
  label: (tp: string) => string;
  stageName: (s: string) => string;
}

const formatters = (r: CxReport): Fmt => {
  const t = strings(r.filter.lang);
  const locale = r.filter.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Small figures (CLS 0.133) keep their precision.
  const small = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const n = (x: number) => (Math.abs(x) < 1 && x !== 0 ? small : nf).format(x);
  return {
    t,
    n,
    pct: (x) => (x === null ? '–' : `${n(Math.round(x * 1000) / 10)}%`),
    label: (tp) => r.labels[tp] ?? tp,
    stageName: (s) => t[`stage_${s}` as keyof ReportStrings] ?? s,
  };
};

/** "62 (55–69)" with a directional badge when thin. */
const withInterval = (f: Fmt, est: Estimate, scale: (x: number) => string) =>
  `${scale(est.value)} <span class="muted" title="${e(f.t.interval)}">(${scale(est.low)}–${scale(est.high)})</span>${est.directional ? ` <span class="badge dir">${e(f.t.directional)}</span>` : ''}`;

/** A delta against the earlier period: arrow, amount, and whether it is beyond noise. */
const deltaBadge = (f: Fmt, d: Delta | undefined, unit: 'count' | 'points' | 'share', higherIsBetter = true) => {
  if (!d || d.delta === null) return '';
  const amount = unit === 'share' ? Math.round(d.delta * 1000) / 10 : Math.round(d.delta * 10) / 10;
  const sign = amount > 0 ? '+' : amount < 0 ? '−' : '±';
  const text = `${sign}${f.n(Math.abs(amount))}${unit === 'share' ? ' pt' : ''}`;
  const good = (amount > 0) === higherIsBetter;
  const cls = !d.beyondNoise || amount === 0 ? 'flat' : good ? 'up' : 'down';
  const arrow = amount > 0 ? '▲' : amount < 0 ? '▼' : '';
  return ` <span class="delta ${cls}">${arrow}${e(text)} ${e(f.t.vsPrevious)} ${e(unit === 'share' ? f.pct(d.previous) : f.n(Math.round((d.previous ?? 0) * 10) / 10))} · ${e(d.beyondNoise ? f.t.beyondNoise : f.t.withinNoise)}</span>`;
};

const card = (r: CxReport, f: Fmt, c: TouchpointCard) => {
  const { t, n, pct } = f;
  const ratings = c.ratings;
  const main = ratings?.scales[0];
  const place: PlaceStats | undefined = r.places.find((p) => p.stage === c.stage && p.touchpoint === c.touchpoint);
  const cmp = r.comparison?.touchpoints.find((p) => p.stage === c.stage && p.touchpoint === c.touchpoint);
  const share = (x: number) => pct(x);
  const scores = [
    place?.csat ? `CSAT ${withInterval(f, place.csat, share)}${deltaBadge(f, cmp?.csat, 'share')}` : '',
    place?.nps ? `NPS ${withInterval(f, place.nps, (x) => `${x > 0 ? '+' : ''}${Math.round(x)}`)}` : '',
    place?.ces ? `CES ${withInterval(f, place.ces, (x) => n(Math.round(x * 10) / 10))}` : '',
  ].filter(Boolean);
  const hist = main
    ? histogram(
        main.distribution.map((d) => ({ label: pointLabel(d.score, main.min, main.max, main.surveyType), count: d.count, emotion: ((d.score - main.min) / (main.max - main.min)) * 100 })),
        `${f.label(c.touchpoint)}: ${main.surveyType} ${main.min}–${main.max}, ${main.count} ${t.ratings}`,
      )
    : '';
  const list = (title: string, items: { text: string; count: number }[]) =>
    items.length ? `<div class="muted">${e(title)}</div><ul>${items.map((i) => `<li>${e(i.text)} <span class="muted">×${i.count}</span></li>`).join('')}</ul>` : '';
  const emotion = ratings && place?.emotion
    ? `<div><span class="emo" style="color:${emotionTextColour(ratings.emotion)}">${e(t.emotion)} ${withInterval(f, place.emotion, (x) => n(Math.round(x)))}</span>${deltaBadge(f, cmp?.emotion, 'points')} <span class="muted">(${n(ratings.count)} ${e(t.ratings.toLowerCase())}${main ? `, ⌀ ${n(main.average)} / ${main.min}–${main.max}` : ''})</span></div>${scores.map((s) => `<div>${s}</div>`).join('')}${hist}`
    : `<div class="muted">${e(t.noRatings)}</div>`;
  return `<article class="card${c.downs.length ? ' down' : ''}">
<h3>${e(f.label(c.touchpoint))}</h3>
<div>${c.channels.map((ch) => `<span class="badge">${e(ch)}</span>`).join('')}${c.downs.map((d) => `<span class="badge bad">${e(t.lowPoint)}: ${e(d === 'emotion' ? t.downEmotion : t.downContinuation)}</span>`).join('')}</div>
<div><b>${n(c.sessions)}</b> ${e(t.sessions.toLowerCase())}${c.continuation === null || !place?.continuation ? '' : ` · <b>${withInterval(f, place.continuation, share)}</b> ${e(t.continued)}${deltaBadge(f, cmp?.continuation, 'share')}`}</div>
<div class="muted">${n(c.exits)} ${e(t.exits)} · ${n(c.abandoned)} ${e(t.abandoned)}</div>
${emotion}
${list(t.comments, c.comments)}${list(t.reasons, c.reasons)}
${c.vitals.length ? `<div class="muted">${e(t.vitals)}: ${c.vitals.map((v) => `${e(v.name)} ${n(v.p75)}`).join(' · ')}</div>` : ''}
</article>`;
};

const stageColumn = (r: CxReport, f: Fmt, s: StageColumn) => `<section class="stage" aria-label="${e(f.stageName(s.stage))}">
<h3>${e(f.stageName(s.stage))}<br><span class="muted">${f.n(s.sessions)} ${e(f.t.sessions.toLowerCase())}${s.continuation === null ? '' : ` · ${f.pct(s.continuation)} →`}</span></h3>
${s.touchpoints.map((c) => card(r, f, c)).join('')}${s.others ? `<p class="muted">${e(f.t.others.replace('{n}', f.n(s.others.touchpoints)).replace('{sessions}', f.n(s.others.sessions)).replace('{cap}', f.n(r.cardCap)))}</p>` : ''}</section>`;

const curveSection = (r: CxReport, f: Fmt) => {
  const columns: CurveColumn[] = r.stages.flatMap((s) =>
    s.touchpoints
      .map((c) => {
        const p = r.places.find((x) => x.stage === c.stage && x.touchpoint === c.touchpoint);
        return { stage: c.stage, touchpoint: c.touchpoint, label: f.label(c.touchpoint), web: p?.web ?? null, store: p?.store ?? null, low: c.downs.includes('emotion') };
      })
      .filter((c) => c.web || c.store),
  );
  if (!columns.length) return '';
  const { t } = f;
  return `<h2>${e(t.curve)}</h2><div class="panel">${renderCurve(columns, {
    title: t.curve,
    web: t.web,
    store: t.storeLine,
    lowPoint: t.lowPoint,
    directional: t.directional,
    stage: t.stage,
    touchpoint: t.touchpoint,
    emotion: t.emotion,
    table: t.asTable,
    stageLabel: f.stageName,
    n: (x) => f.n(Math.round(x)),
  })}<p class="muted">${e(t.curveNote)} ${e(t.directionalNote.replace('{n}', String(r.minSample)))}</p></div>`;
};

const themesSection = (r: CxReport, f: Fmt) => {
  const { t, n } = f;
  const body = r.themes.length
    ? r.themes
        .map((th) => `<details><summary><b>${e(th.label)}</b> — ${n(th.count)} ${e(th.count === 1 ? t.mention : t.mentions)}${th.emotion === null ? '' : ` · <span style="color:${emotionTextColour(th.emotion)}">${e(t.emotion)} ${n(Math.round(th.emotion))}/100</span>`}</summary><ul>${th.examples
          .slice(0, 30)
          .map((x) => `<li>${e(x.text)}${x.count > 1 ? ` <span class="muted">×${x.count}</span>` : ''}</li>`)
          .join('')}</ul></details>`)
        .join('')
    : `<p class="muted">${e(t.noThemes)}</p>`;
  return `<h2 id="themes">${e(t.themes)}</h2><div class="panel">${body}<p class="muted">${e(t.themesNote)}</p></div>`;
};

const heatmapSection = (r: CxReport, f: Fmt) => {
  if (!r.heatmap.length) return '';
  const { t } = f;
  const words = {
    caption: (s: string) => t.heatCaption.replace('{store}', s || '–'),
    weekdays: t.weekdays.split(','),
    hour: t.hour,
    closed: t.closed,
    closedNote: t.closedNote,
    noHours: t.noHours,
    ratingsAt: t.ratings.toLowerCase(),
    emotion: t.emotion.toLowerCase(),
  };
  return `<h2>${e(t.heatmap)}</h2><div class="grid2">${r.heatmap.map((h) => `<div class="panel">${renderHeatmap(h.storeId, h.cells, h.openingHours ?? undefined, words)}</div>`).join('')}</div>`;
};

const alertsSection = (r: CxReport, f: Fmt, ctx: RenderContext, back: string) => {
  const { t } = f;
  const lang = r.filter.lang;
  const action = `report/alerts/ack${ctx.keep && Object.keys(ctx.keep).length ? `?${new URLSearchParams(ctx.keep)}` : ''}`;
  const item = (a: Alert) => `<div class="panel alert"><div><b>${e(alertText(a, lang, (tp) => f.label(tp)))}</b><br><span class="muted">${e(t.opened)} ${e(new Date(a.openedAt).toISOString().slice(0, 16).replace('T', ' '))} UTC · ${e(t.delivery)}: ${e(t[`delivery_${a.delivery.status}`])}</span></div>
<form method="post" action="${e(action)}"><input type="hidden" name="id" value="${e(a.id)}"><input type="hidden" name="csrf" value="${e(ctx.csrf?.(a.id) ?? '')}"><input type="hidden" name="back" value="${e(back)}"><button type="submit">${e(t.acknowledge)}</button></form></div>`;
  return `<h2 id="alerts">${e(t.alerts)}</h2>${r.alerts.length ? r.alerts.map(item).join('') : `<p class="muted">${e(t.noAlerts)}</p>`}`;
};

const totals = (r: CxReport, f: Fmt) => {
  const { t, n, pct } = f;
  // An earlier period without any visit or rating has nothing to compare with: say so, show no deltas.
  const earlierEmpty = r.comparison !== null && r.comparison.sessions.previous === 0 && r.comparison.ratings.previous === 0;
  const c = earlierEmpty ? null : r.comparison;
  // This period's emotion stands even when the earlier one is empty (only its delta goes).
  const emotionNow = r.comparison?.emotion.current ?? null;
  const revenue = Object.entries(r.totals.revenue).map(([cur, v]) => `${n(v)} ${e(cur)}`).join(' · ') || '–';
  const tile = (title: string, value: string, delta = '') => `<div class="tile"><span class="muted">${e(title)}</span><b>${value}</b>${delta}</div>`;
  return `<div class="totals">
${tile(t.sessions, n(r.totals.sessions), deltaBadge(f, c?.sessions, 'count'))}
${tile(t.orders, n(r.totals.orders), deltaBadge(f, c?.orders, 'count'))}
${tile(t.revenue, revenue)}
${tile(t.ratings, n(r.totals.ratings), deltaBadge(f, c?.ratings, 'count'))}
${tile(t.emotion, emotionNow === null ? '–' : n(Math.round(emotionNow)), deltaBadge(f, c?.emotion, 'points'))}
${tile(t.cartAbandonment, pct(r.funnel.cart.rate), deltaBadge(f, c?.cartAbandonment, 'share', false))}
${r.totals.botEvents ? tile(t.botsExcluded, n(r.totals.botEvents)) : ''}
</div>${r.comparison ? `<p class="muted">${e(t.comparison)} ${e(r.comparison.from)} – ${e(r.comparison.to)}${earlierEmpty ? `: ${e(t.earlierEmpty)}` : ''}</p>` : ''}`;
};

const filterForm = (r: CxReport, f: Fmt, ctx: RenderContext, query: (lang: string) => string) => {
  const { t } = f;
  const option = (value: string, label: string, selected: boolean) => `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  const stores = [...new Set([...r.stores, ...(r.filter.store ? [r.filter.store] : [])])];
  return `<form class="filter" method="get" action="">${Object.entries(ctx.keep ?? {}).map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`).join('')}
<label>${e(t.from)}<input type="date" name="from" value="${e(r.filter.from)}"></label>
<label>${e(t.to)}<input type="date" name="to" value="${e(r.filter.to ?? '')}"></label>
<label>${e(t.channel)}<select name="channel">${option('', t.all, !r.filter.channel)}${CHANNELS.map((c) => option(c, c, r.filter.channel === c)).join('')}</select></label>
<label>${e(t.store)}<select name="store">${option('', t.all, !r.filter.store)}${stores.map((s) => option(s, s, r.filter.store === s)).join('')}</select></label>
<label>${e(t.compare)}<select name="compare">${option('previous', t.comparePrevious, r.comparison !== null)}${option('none', t.compareNone, r.comparison === null)}</select></label>
<label>${e(t.language)}<select name="lang">${option('en', 'English', r.filter.lang === 'en')}${option('vi', 'Tiếng Việt', r.filter.lang === 'vi')}</select></label>
<button type="submit">${e(t.apply)}</button>
</form>
<p class="muted"><a href="${e(query('en'))}" lang="en">English</a> · <a href="${e(query('vi'))}" lang="vi">Tiếng Việt</a> · <a href="report.json${e(query(r.filter.lang))}">${e(t.json)}</a></p>`;
};

const tables = (r: CxReport, f: Fmt) => {
  const { t, n, pct } = f;
  const vitals = r.vitals.length
    ? `<table><thead><tr><th>${e(t.touchpoint)}</th><th>LCP</th><th>INP</th><th>CLS</th><th>FCP</th><th>TTFB</th></tr></thead><tbody>${r.vitals
        .map((v) => `<tr><td>${e(f.label(v.touchpoint))}</td>${['LCP', 'INP', 'CLS', 'FCP', 'TTFB']
          .map((name) => {
            const m = v.metrics.find((x) => x.name === name);
            return `<td>${m ? `${n(m.p75)}${name === 'CLS' ? '' : ' ms'} <span class="muted">(${pct(m.good)} ${e(t.good)}, n=${m.count})</span>` : '–'}</td>`;
          })
          .join('')}</tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">${e(t.none)}</p>`;
  const kiosks = r.kiosks.length
    ? `<table><thead><tr><th>${e(t.store)}</th><th>${e(t.device)}</th><th>${e(t.lastSeen)}</th><th>${e(t.queue)}</th><th>${e(t.battery)}</th><th>${e(t.status)}</th></tr></thead><tbody>${r.kiosks
        .map((k) => `<tr><td>${e(k.storeId ?? '–')}</td><td>${e(k.deviceId)}</td><td>${n(k.minutesAgo)} ${e(t.minutesAgo)}</td><td>${k.queueDepth ?? '–'}</td><td>${k.battery === undefined ? '–' : pct(k.battery > 1 ? k.battery / 100 : k.battery)}</td><td>${k.silent ? `<span class="badge bad">${e(t.silent)}</span>` : e(t.ok)}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">${e(t.none)}</p>`;
  return `<h2 id="vitals">${e(t.vitals)}</h2><div class="scroll" tabindex="0" role="region" aria-labelledby="vitals">${vitals}</div>
<h2 id="kiosks">${e(t.kiosks)}</h2><div class="scroll" tabindex="0" role="region" aria-labelledby="kiosks">${kiosks}</div>`;
};

/**
 * Render the report as one HTML page: no script, inline SVG charts, `<details>` for drill-down,
 * a filter form and acknowledge forms that work by plain GET/POST, stages side by side on wide
 * screens and stacked on phones. Every string that came from events (touchpoint names, comments,
 * reasons, store and device ids) is escaped.
 */
export const renderReport = (r: CxReport, ctx: RenderContext = {}): string => {
  const f = formatters(r);
  const { t } = f;
  const query = (lang: string) => {
    const p = new URLSearchParams({ from: r.filter.from, lang });
    if (r.filter.to) p.set('to', r.filter.to);
    if (r.filter.channel) p.set('channel', r.filter.channel);
    if (r.filter.store) p.set('store', r.filter.store);
    if (!r.comparison) p.set('compare', 'none');
    for (const [k, v] of Object.entries(ctx.keep ?? {})) p.set(k, v);
    return `?${p}`;
  };
  const exportQuery = query(r.filter.lang);
  const hasStages = r.stages.some((s) => s.touchpoints.length);
  return `<!doctype html>
<html lang="${r.filter.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(t.title)}</title><style>${CSS}</style></head><body>
<header><h1>${e(t.title)}</h1><p class="muted">${e(t.subtitle)}</p>
${filterForm(r, f, ctx, query)}
</header>
<main>
${totals(r, f)}
${alertsSection(r, f, ctx, query(r.filter.lang))}
${curveSection(r, f)}
<h2>${e(t.downs)}</h2>
<div class="panel">${r.downs.length
    ? `<ul>${r.downs.map((d) => `<li><b>${e(f.label(d.touchpoint))}</b> (${e(f.stageName(d.stage))}): ${d.kind === 'emotion' ? `${e(t.downEmotion)} — ${f.n(d.value)}/100 (${f.n(d.delta)})` : `${e(t.downContinuation)} — ${f.pct(d.value)} (${f.n(Math.round(d.delta * 1000) / 10)} pt)`}</li>`).join('')}</ul>`
    : `<p class="muted">${e(t.noDowns)}</p>`}<p class="muted">${e(t.downsNote)}</p></div>
<h2>${e(t.journey)}</h2>
${hasStages ? `<div class="stages">${r.stages.map((s) => stageColumn(r, f, s)).join('')}</div>` : `<p class="muted">${e(t.noData)}</p>`}
${themesSection(r, f)}
<div class="grid2">
<div><h2>${e(t.funnel)}</h2><div class="panel">${hbars(
    r.funnel.steps.map((s) => ({ label: t[`step_${s.key}`], value: s.sessions, ...(s.rate === null ? {} : { note: f.pct(s.rate) }) })),
    t.funnel,
  )}</div><div class="totals" style="margin-top:8px">${abandonmentTile(f, t.cartAbandonment, r.funnel.cart, r.comparison?.cartAbandonment)}${abandonmentTile(f, t.checkoutAbandonment, r.funnel.checkout, r.comparison?.checkoutAbandonment)}</div></div>
<div><h2>${e(t.kioskHours)}</h2><div class="panel">${hourBars(r.kioskHours, t.kioskHours)}<p class="muted">${e(t.kioskHoursNote)}</p></div></div>
</div>
${heatmapSection(r, f)}
${tables(r, f)}
<h2>${e(t.exports)}</h2>
<ul class="panel"><li><a href="report/ratings.csv${e(exportQuery)}">${e(t.exportRatings)}</a></li><li><a href="report/touchpoints.csv${e(exportQuery)}">${e(t.exportTouchpoints)}</a></li><li><a href="report.json${e(exportQuery)}">${e(t.json)}</a> · <a href="report.schema.json">${e(t.schema)}</a></li></ul>
<p class="muted">${e(t.generated)} ${e(r.generatedAt)} · report.json v${r.version}</p>
</main>
<footer><p class="muted">${e(t.footer)}</p></footer></body></html>`;
};

const abandonmentTile = (f: Fmt, title: string, a: CxReport['funnel']['cart'], d: Delta | undefined) =>
  `<div class="tile"><span class="muted">${e(title)}</span><b>${f.pct(a.rate)}</b>${deltaBadge(f, d, 'share', false)}<span class="muted">${f.n(a.abandoned)} ${e(f.t.abandonedOf)} ${f.n(a.abandoned + a.ordered)} ${e(f.t.ended)} · ${f.n(a.sdk)} / ${f.n(a.derived)} ${e(f.t.sdkDerived)} · ${f.n(a.open)} ${e(f.t.open)}</span></div>`;
