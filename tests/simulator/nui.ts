import { EventEmitter } from 'node:events';
import type { Player } from './player.js';

export interface NuiFocus {
  resource: string | null;
  hasFocus: boolean;
  hasCursor: boolean;
  keepInput: boolean;
}

/** Why a NUI callback request failed, as the page's `fetch` would see it. */
export class NuiRequestError extends Error {
  override name = 'NuiRequestError';
}

/**
 * One resource's NUI page on one player's screen. Headless tests script it directly; the sandbox mirrors
 * it into a real browser frame.
 */
export class NuiPage extends EventEmitter {
  /** Every message `SendNUIMessage` delivered to this page, in order. */
  readonly messages: unknown[] = [];

  constructor(
    readonly layer: NuiLayer,
    readonly resource: string,
    readonly uiPage: string,
  ) {
    super();
  }

  receive(message: unknown): void {
    this.messages.push(message);
    this.emit('message', message);
  }

  /** Resolves with the first message (already received or still to come) that matches. */
  waitForMessage(match: (message: unknown) => boolean, timeoutMs = 5000): Promise<unknown> {
    const seen = this.messages.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (!match(message)) return;
        clearTimeout(timer);
        this.off('message', onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        this.off('message', onMessage);
        reject(new Error(`no matching NUI message reached ${this.resource}'s page within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('message', onMessage);
    });
  }

  /** What the page's `fetch('https://<resource>/<name>', { method: 'POST', body })` does in the game. */
  fetch(url: string, body: string): Promise<unknown> {
    return this.layer.callback(this.resource, url, body);
  }
}

/** A player's browser layer: the NUI pages of the resources running on their client, and NUI focus. */
export class NuiLayer extends EventEmitter {
  readonly pages = new Map<string, NuiPage>();
  readonly focus: NuiFocus = { resource: null, hasFocus: false, hasCursor: false, keepInput: false };
  private readonly callbackTypes = new Map<string, Set<string>>();

  constructor(readonly player: Player) {
    super();
  }

  page(resource: string): NuiPage {
    const page = this.pages.get(resource);
    if (!page) throw new Error(`resource ${resource} has no NUI page on player ${this.player.id}'s screen`);
    return page;
  }

  openPage(resource: string, uiPage: string): void {
    const page = new NuiPage(this, resource, uiPage);
    this.pages.set(resource, page);
    this.emit('page', page);
  }

  closePage(resource: string): void {
    this.pages.get(resource)?.removeAllListeners();
    this.pages.delete(resource);
    this.callbackTypes.delete(resource);
    if (this.focus.resource === resource) this.setFocus(resource, false, false);
    this.emit('pageClosed', resource);
  }

  /** `SendNUIMessage` reaches only the sending resource's own page; without one it goes nowhere. */
  deliver(resource: string, message: unknown): void {
    this.pages.get(resource)?.receive(JSON.parse(JSON.stringify(message ?? null)));
  }

  setFocus(resource: string, hasFocus: boolean, hasCursor: boolean): void {
    Object.assign(this.focus, { resource: hasFocus || hasCursor ? resource : null, hasFocus, hasCursor });
    this.emit('focus', { ...this.focus });
  }

  setKeepInput(resource: string, keepInput: boolean): void {
    if (this.focus.resource === resource || !this.focus.resource) this.focus.keepInput = keepInput;
  }

  registerCallback(resource: string, name: string): void {
    const names = this.callbackTypes.get(resource) ?? new Set();
    names.add(name);
    this.callbackTypes.set(resource, names);
  }

  /** Routes a page's request to `https://<target>/<name>` to the target resource's `__cfx_nui:<name>` handlers. */
  callback(fromResource: string, url: string, body: string): Promise<unknown> {
    const match = /^https?:\/\/([^/]+)\/([^?#]+)/.exec(url);
    if (!match) return Promise.reject(new NuiRequestError(`${url} is not a NUI callback address`));
    const [, target = '', name = ''] = match;
    const sim = this.player.sim;
    const resource = sim.resources.get(target);
    if (!resource || resource.state !== 'started' || !this.pages.has(target) && !this.callbackTypes.has(target)) {
      return Promise.reject(new NuiRequestError(`no resource ${target} is running on this client`));
    }
    if (resource.nuiStrict && fromResource !== target) {
      return Promise.reject(
        new NuiRequestError(`${target} sets nui_callback_strict_mode: ${fromResource}'s page may not call ${name}`),
      );
    }
    if (!this.callbackTypes.get(target)?.has(name)) {
      return Promise.reject(new NuiRequestError(`${target} has no NUI callback named ${name}`));
    }
    let data: unknown;
    try {
      data = body === '' ? {} : JSON.parse(body);
    } catch {
      return Promise.reject(new NuiRequestError(`the body sent to ${url} is not JSON`));
    }
    return new Promise((resolve, reject) => {
      const timeoutMs = sim.options.nuiCallbackTimeoutMs;
      const timer = setTimeout(() => {
        const message = `NUI callback ${name} of ${target} was not answered within ${timeoutMs} ms: its handler must call cb`;
        this.player.print(target, message);
        reject(new NuiRequestError(message));
      }, timeoutMs);
      let answered = false;
      const cb = (response: unknown) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(JSON.parse(JSON.stringify(response ?? null)));
      };
      this.player.internal.trigger(`__cfx_nui:${name}`, [data, cb], '', target);
    });
  }
}
