import { CHANNELS } from '../../core/limits';
import { emotionTextColour, hbars, histogram, hourBars, pointLabel } from './charts';
import type { Report, StageColumn, TouchpointCard } from './computeReport';
import { escapeHtml as e } from './escapeHtml';
import { strings, type ReportStrings } from './i18n';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f5f6f8}
header,main{max-width:1400px;margin:0 auto;padding:12px 16px}h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em}
h3{font-size:1em;margin:0 0 .3em}.muted{color:#5f6368;font-size:.9em}
form{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:.6em 0}label{display:flex;flex-direction:column;font-size:.8em;color:#444}
input,select,button{font:inherit;padding:6px 8px;min-height:44px;border:1px solid #bbb;border-radius:6px;background:#fff}button{background:#1d4ed8;color:#fff;border:0;padding:6px 16px}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}.tile{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px #0001}
.tile b{display:block;font-size:1.4em}.stages{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:10px;align-items:start}
@media (max-width:900px){.stages{grid-template-columns:1fr}}.stage>h3{background:#e8edf7;border-radius:8px;padding:8px 10px}
.card{background:#fff;border-radius:8px;padding:10px 12px;margin:8px 0;box-shadow:0 1px 2px #0001;border-left:5px solid #c9d2e3}
.card.down{border-left-color:#c5221f;background:#fff7f6}.badge{display:inline-block;font-size:.75em;padding:1px 6px;border-radius:9px;background:#eef1f6;margin:0 4px 2px 0}
.badge.bad{background:#c5221f;color:#fff}.emo{font-weight:600}ul{margin:.2em 0 .4em;padding-left:1.2em}.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eee}
.panel{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px #0001}.scroll{overflow-x:auto}
a{color:#1d4ed8}@media (forced-colors:active){.card.down{border-left:5px solid Mark}}
`;

/**
 * Render the report as one HTML page: no script, inline SVG charts, a filter form that works by
 * plain GET, stages side by side on wide screens and stacked on phones. Every string that came
 * from events (touchpoint names, comments, reasons, store and device ids) is escaped.
 */
export const renderReport = (r: Report, { token }: { token?: string } = {}): string => {
  const t = strings(r.filter.lang);
  const locale = r.filter.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Small figures (CLS 0.133) keep their precision.
  const small = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const n = (x: number) => (Math.abs(x) < 1 ? small : nf).format(x);
  const pct = (x: number | null) => (x === null ? '–' : `${n(Math.round(x * 1000) / 10)}%`);
  const stageName = (s: string) => t[`stage_${s}` as keyof ReportStrings] ?? s;
  const query = (lang: string) => {
    const p = new URLSearchParams({ from: r.filter.from, lang });
    if (r.filter.to) p.set('to', r.filter.to);
    if (r.filter.channel) p.set('channel', r.filter.channel);
    if (r.filter.store) p.set('store', r.filter.store);
    // The credential travels with the page's own links and form (Referrer-Policy keeps it here).
    if (token) p.set('token', token);
    return `?${p}`;
  };
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  const revenue = Object.entries(r.totals.revenue).map(([cur, v]) => `${n(v)} ${e(cur)}`).join(' · ') || '–';

  const card = (c: TouchpointCard) => {
    const ratings = c.ratings;
    const main = ratings?.scales[0];
    const scores = main
      ? [
          main.csat !== undefined ? `CSAT ${pct(main.csat)}` : '',
          main.nps !== undefined ? `NPS ${main.nps > 0 ? '+' : ''}${main.nps}` : '',
          main.ces !== undefined ? `CES ${n(main.ces)}` : '',
        ].filter(Boolean)
      : [];
    const hist = main
      ? histogram(
          main.distribution.map((d) => ({
            label: pointLabel(d.score, main.min, main.max, main.surveyType),
            count: d.count,
            emotion: ((d.score - main.min) / (main.max - main.min)) * 100,
          })),
          `${c.touchpoint}: ${main.surveyType} ${main.min}–${main.max}, ${main.count} ${t.ratings}`,
        )
      : '';
    const list = (title: string, items: { text: string; count: number }[]) =>
      items.length ? `<div class="muted">${e(title)}</div><ul>${items.map((i) => `<li>${e(i.text)} <span class="muted">×${i.count}</span></li>`).join('')}</ul>` : '';
    return `<article class="card${c.downs.length ? ' down' : ''}">
<h3>${e(c.touchpoint)}</h3>
<div>${c.channels.map((ch) => `<span class="badge">${e(ch)}</span>`).join('')}${c.downs
      .map((d) => `<span class="badge bad">${e(t.lowPoint)}: ${e(d === 'emotion' ? t.downEmotion : t.downContinuation)}</span>`)
      .join('')}</div>
<div><b>${n(c.sessions)}</b> ${e(t.sessions.toLowerCase())}${c.continuation === null ? '' : ` · <b>${pct(c.continuation)}</b> ${e(t.continued)}`}</div>
<div class="muted">${n(c.exits)} ${e(t.exits)} · ${n(c.abandoned)} ${e(t.abandoned)}</div>
${ratings
  ? `<div><span class="emo" style="color:${emotionTextColour(ratings.emotion)}">${e(t.emotion)} ${n(ratings.emotion)}/100</span> <span class="muted">(${n(ratings.count)} ${e(t.ratings.toLowerCase())}${main ? `, ⌀ ${n(main.average)} / ${main.min}–${main.max}` : ''})</span> ${scores.map((s) => `<span class="badge">${e(s)}</span>`).join('')}</div>${hist}`
  : `<div class="muted">${e(t.noRatings)}</div>`}
${list(t.comments, c.comments)}${list(t.reasons, c.reasons)}
${c.vitals.length ? `<div class="muted">${e(t.vitals)}: ${c.vitals.map((v) => `${e(v.name)} ${n(v.p75)}`).join(' · ')}</div>` : ''}
</article>`;
  };
  const stage = (s: StageColumn) => `<section class="stage" aria-label="${e(stageName(s.stage))}">
<h3>${e(stageName(s.stage))}<br><span class="muted">${n(s.sessions)} ${e(t.sessions.toLowerCase())}${s.continuation === null ? '' : ` · ${pct(s.continuation)} →`}</span></h3>
${s.touchpoints.map(card).join('')}${s.others ? `<p class="muted">${e(t.others.replace('{n}', n(s.others.touchpoints)).replace('{sessions}', n(s.others.sessions)).replace('{cap}', n(r.cardCap)))}</p>` : ''}</section>`;

  const ab = (title: string, a: Report['funnel']['cart']) =>
    `<div class="tile"><span class="muted">${e(title)}</span><b>${pct(a.rate)}</b><span class="muted">${n(a.abandoned)} ${e(t.abandonedOf)} ${n(a.abandoned + a.ordered)} ${e(t.ended)} · ${n(a.sdk)} / ${n(a.derived)} ${e(t.sdkDerived)} · ${n(a.open)} ${e(t.open)}</span></div>`;
  const hasStages = r.stages.some((s) => s.touchpoints.length);

  return `<!doctype html>
<html lang="${r.filter.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(t.title)}</title><style>${CSS}</style></head><body>
<header><h1>${e(t.title)}</h1><p class="muted">${e(t.subtitle)}</p>
<form method="get" action="">
<label>${e(t.from)}<input type="date" name="from" value="${e(r.filter.from)}"></label>
<label>${e(t.to)}<input type="date" name="to" value="${e(r.filter.to ?? '')}"></label>
<label>${e(t.channel)}<select name="channel">${option('', t.all, !r.filter.channel)}${CHANNELS.map((c) => option(c, c, r.filter.channel === c)).join('')}</select></label>
<label>${e(t.store)}<select name="store">${option('', t.all, !r.filter.store)}${[...new Set([...r.stores, ...(r.filter.store ? [r.filter.store] : [])])].map((s) => option(s, s, r.filter.store === s)).join('')}</select></label>
<label>${e(t.language)}<select name="lang">${option('en', 'English', r.filter.lang === 'en')}${option('vi', 'Tiếng Việt', r.filter.lang === 'vi')}</select></label>
${token ? `<input type="hidden" name="token" value="${e(token)}">` : ''}<button type="submit">${e(t.apply)}</button>
</form>
<p class="muted"><a href="${e(query('en'))}" lang="en">English</a> · <a href="${e(query('vi'))}" lang="vi">Tiếng Việt</a> · <a href="report.json${e(query(r.filter.lang))}">${e(t.json)}</a></p>
</header>
<main>
<div class="totals">
<div class="tile"><span class="muted">${e(t.sessions)}</span><b>${n(r.totals.sessions)}</b></div>
<div class="tile"><span class="muted">${e(t.orders)}</span><b>${n(r.totals.orders)}</b></div>
<div class="tile"><span class="muted">${e(t.revenue)}</span><b>${revenue}</b></div>
<div class="tile"><span class="muted">${e(t.ratings)}</span><b>${n(r.totals.ratings)}</b></div>
${r.totals.botEvents ? `<div class="tile"><span class="muted">${e(t.botsExcluded)}</span><b>${n(r.totals.botEvents)}</b></div>` : ''}
<div class="tile"><span class="muted">${e(t.cartAbandonment)}</span><b>${pct(r.funnel.cart.rate)}</b></div>
</div>
<h2>${e(t.downs)}</h2>
<div class="panel">${r.downs.length
    ? `<ul>${r.downs.map((d) => `<li><b>${e(d.touchpoint)}</b> (${e(stageName(d.stage))}): ${d.kind === 'emotion' ? `${e(t.downEmotion)} — ${n(d.value)}/100 (${n(d.delta)})` : `${e(t.downContinuation)} — ${pct(d.value)} (${n(Math.round(d.delta * 1000) / 10)} pt)`}</li>`).join('')}</ul>`
    : `<p class="muted">${e(t.noDowns)}</p>`}</div>
<h2>${e(t.journey)}</h2>
${hasStages ? `<div class="stages">${r.stages.map(stage).join('')}</div>` : `<p class="muted">${e(t.noData)}</p>`}
<div class="grid2">
<div><h2>${e(t.funnel)}</h2><div class="panel">${hbars(
    r.funnel.steps.map((s) => ({ label: t[`step_${s.key}`], value: s.sessions, ...(s.rate === null ? {} : { note: pct(s.rate) }) })),
    t.funnel,
  )}</div><div class="totals" style="margin-top:8px">${ab(t.cartAbandonment, r.funnel.cart)}${ab(t.checkoutAbandonment, r.funnel.checkout)}</div></div>
<div><h2>${e(t.kioskHours)}</h2><div class="panel">${hourBars(r.kioskHours, t.kioskHours)}<p class="muted">${e(t.kioskHoursNote)}</p></div></div>
</div>
<h2 id="vitals">${e(t.vitals)}</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="vitals">${r.vitals.length
    ? `<table><thead><tr><th>${e(t.touchpoint)}</th><th>LCP</th><th>INP</th><th>CLS</th><th>FCP</th><th>TTFB</th></tr></thead><tbody>${r.vitals
        .map((v) => `<tr><td>${e(v.touchpoint)}</td>${['LCP', 'INP', 'CLS', 'FCP', 'TTFB']
          .map((name) => {
            const m = v.metrics.find((x) => x.name === name);
            return `<td>${m ? `${n(m.p75)}${name === 'CLS' ? '' : ' ms'} <span class="muted">(${pct(m.good)} ${e(t.good)}, n=${m.count})</span>` : '–'}</td>`;
          })
          .join('')}</tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">${e(t.none)}</p>`}</div>
<h2 id="kiosks">${e(t.kiosks)}</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="kiosks">${r.kiosks.length
    ? `<table><thead><tr><th>${e(t.store)}</th><th>${e(t.device)}</th><th>${e(t.lastSeen)}</th><th>${e(t.queue)}</th><th>${e(t.battery)}</th><th>${e(t.status)}</th></tr></thead><tbody>${r.kiosks
        .map((k) => `<tr><td>${e(k.storeId ?? '–')}</td><td>${e(k.deviceId)}</td><td>${n(k.minutesAgo)} ${e(t.minutesAgo)}</td><td>${k.queueDepth ?? '–'}</td><td>${k.battery === undefined ? '–' : pct(k.battery > 1 ? k.battery / 100 : k.battery)}</td><td>${k.silent ? `<span class="badge bad">${e(t.silent)}</span>` : e(t.ok)}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">${e(t.none)}</p>`}</div>
<p class="muted">${e(t.generated)} ${e(r.generatedAt)}</p>
</main></body></html>`;
};
