/**
 * "Enter your order code": a clearly labelled button under the faces that opens a large field
 * for the code on the receipt, so the next rating is linked to that order (`order_id`). The field
 * suits on-screen keyboards (no spell check or autofill, capitals, a "done" key; Enter confirms).
 * Once linked the button shows the code; it is cleared with the respondent.
 */
import { h } from '../widget/h';
import type { KioskStrings } from './types';

/** What an order or receipt code may look like. */
export const ORDER_CODE = /^[\w.:#/-]{1,64}$/;

/** The control: its element, and `show(code)` to reflect the code in use. */
export interface OrderCodeControl {
  element: HTMLElement;
  show(code: string | undefined): void;
}

/** Build the control; `onCode` receives a valid code the customer confirmed. */
export const orderCodeControl = (ks: KioskStrings, onCode: (code: string) => void): OrderCodeControl => {
  const input = h('input', {
    id: 'oc',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    enterkeyhint: 'done',
    maxlength: '64',
  }) as HTMLInputElement;
  const ok = h('button', { class: 'pb' }, ks.ok);
  const cancel = h('button', { class: 'pb ps' }, ks.cancel);
  const panel = h('div', { class: 'p', id: 'op', hidden: '' }, [h('label', { for: 'oc' }, ks.orderLabel), input, h('div', { class: 'pr' }, [cancel, ok])]);
  const open = h('button', { class: 'o', 'aria-expanded': 'false', 'aria-controls': 'op' }, ks.order);
  const toggle = (on: boolean) => {
    panel.toggleAttribute('hidden', !on);
    open.setAttribute('aria-expanded', `${on}`);
    input.value = '';
    input.removeAttribute('aria-invalid');
    if (on) input.focus();
  };
  const confirm = () => {
    const code = input.value.trim();
    // A code that cannot be one stays in the field, marked, for the customer to correct.
    if (!ORDER_CODE.test(code)) return input.setAttribute('aria-invalid', 'true');
    onCode(code);
    toggle(false);
  };
  open.onclick = () => toggle(panel.hasAttribute('hidden'));
  cancel.onclick = () => toggle(false);
  ok.onclick = confirm;
  input.onkeydown = (e) => {
    if (e.key == 'Enter') confirm();
  };
  return {
    element: h('div', { class: 'oa' }, [open, panel]),
    show: (code) => void (open.textContent = code ? ks.orderLinked.replace('{code}', code) : ks.order),
  };
};
