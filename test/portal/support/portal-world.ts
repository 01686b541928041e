import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from 'playwright-core';
import { seedSandbox } from '../../../libs/systems/sandbox/seed-sandbox';
import { ApiWorld } from '../../support/api-world';
import { ensurePortalBuilt } from './portal-build';

/** Flags from the machine notes: the closed network refuses Chromium's background connections. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOTS = resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * Counts the GraphQL posts the API is still answering. A listener of the HTTP server's own runs
 * right after Express's, before any handler can end its response, and counts until the handler
 * calls `end` (even for a browser that is gone: the handler does not know, and still waits on
 * Temporal).
 */
function countGraphqlInFlight(server: Server): () => number {
  let inFlight = 0;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return;
    inFlight += 1;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    let ended = false;
    response.end = ((...args: unknown[]) => {
      if (!ended) inFlight -= 1;
      ended = true;
      return end(...args);
    }) as ServerResponse['end'];
  });
  return () => inFlight;
}

/**
 * The real product for browser tests: the API over HTTP serving the built portal, a worker on real
 * Temporal and PostgreSQL with sandbox drivers and the demo organisation, and headless Chromium.
 */
export class PortalWorld {
  private readonly contexts = new Set<BrowserContext>();

  private constructor(
    readonly api: ApiWorld,
    readonly browser: Browser,
    private readonly scratch: string,
    private readonly graphqlInFlight: () => number,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<PortalWorld> {
    const portalDir = await ensurePortalBuilt();
    const api = await ApiWorld.start({ PORTAL_DIST_DIR: portalDir, ...overrides });
    try {
      await seedSandbox(api.world.dataSource);
      await api.world.startWorker();
      const scratch = mkdtempSync(join(tmpdir(), 'switchboard-portal-'));
      // Playwright gives each launch a new empty --user-data-dir of its own.
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
      });
      return new PortalWorld(api, browser, scratch, countGraphqlInFlight(api.api.getHttpServer()));
    } catch (error) {
      await api.stop();
      throw error;
    }
  }

  get url(): string {
    return this.api.url;
  }

  /** A fresh browser profile, closed with the world; nobody signed in. */
  async newContext(viewport = DESKTOP): Promise<BrowserContext> {
    const context = await this.browser.newContext({ viewport, baseURL: this.url, reducedMotion: 'reduce' });
    this.contexts.add(context);
    return context;
  }

  /** A fresh browser profile signed in (sandbox selector) as `account`, at `path`. */
  async open(account: string, path = '/', viewport = DESKTOP): Promise<Page> {
    const context = await this.newContext(viewport);
    // Runs in the page before the portal: the sandbox selector's choice, as a person would have made it.
    await context.addInitScript({
      content: `if (!localStorage.getItem('switchboard.account')) localStorage.setItem('switchboard.account', ${JSON.stringify(account)});`,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(path);
    await page.locator(`#account-select option[value="${account}"]`).waitFor({ state: 'attached' });
    await page.locator('main h1').first().waitFor();
    return page;
  }

  /** Reloads the page and waits until the account selector and the page are back. */
  async reload(page: Page): Promise<void> {
    await page.reload();
    await page.locator('#account-select option').first().waitFor({ state: 'attached' });
    await page.locator('main h1').first().waitFor();
  }

  /**
   * Saves a screenshot: into docs/screenshots with UPDATE_SCREENSHOTS=1 (they are committed), else
   * into a scratch folder, so every run still takes them.
   */
  async screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
    const dir = process.env.UPDATE_SCREENSHOTS === '1' ? SCREENSHOTS : this.scratch;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await page.screenshot({
      path,
      fullPage: options.fullPage ?? false,
      animations: 'disabled',
      caret: 'hide',
    });
    return path;
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    // The page's last polls (desk queue, reconciliation) may still be running in the API, waiting on
    // Temporal: closing the API's Temporal connection under them makes the client's retry timer throw
    // later, in whichever test file runs next. Wait until the API has answered them.
    const deadline = Date.now() + 30_000;
    while (this.graphqlInFlight() > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const stuck = this.graphqlInFlight();
    await this.api.stop();
    rmSync(this.scratch, { recursive: true, force: true });
    if (stuck > 0)
      throw new Error(`the API still answered ${stuck} GraphQL posts 30 s after the browser closed`);
  }
}

/** Every GraphQL mutation the page posts, to prove that a refused form sent nothing. */
export function watchMutations(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postData() ?? '';
    try {
      const { query } = JSON.parse(body) as { query?: string };
      if (query && /^\s*mutation\b/.test(query)) sent.push(query);
    } catch {
      sent.push(body);
    }
  });
  return sent;
}

/** Waits until the request page's live status (aria-live) says the request ended as expected. */
export async function waitForRequestStatus(page: Page, sentence: RegExp, timeoutMs = 60_000): Promise<void> {
  await page.getByTestId('request-status').filter({ hasText: sentence }).waitFor({ timeout: timeoutMs });
}

export function requestIdOf(page: Page): string {
  const match = /\/requests\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`not on a request page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Whether the element has the keyboard focus (no DOM types needed on this side). */
export async function isFocused(locator: Locator): Promise<boolean> {
  return (await locator.and(locator.page().locator(':focus')).count()) === 1;
}

/** The timeline's steps as [id, status], in order. */
export async function stepsOf(page: Page): Promise<Array<[string | null, string | null]>> {
  const steps: Array<[string | null, string | null]> = [];
  for (const step of await page.locator('.timeline > li').all()) {
    steps.push([await step.getAttribute('data-step'), await step.getAttribute('data-status')]);
  }
  return steps;
}

/**
 * One product and browser for the test file: started before its tests, stopped after them, with
 * injected faults cleared after each test. Returns the running world.
 */
export function portalForThisFile(): () => PortalWorld {
  let portal: PortalWorld | undefined;
  beforeAll(async () => {
    portal = await PortalWorld.start();
  });
  afterAll(async () => {
    await portal?.stop();
  });
  afterEach(async () => {
    await portal?.api.world.faults.clear();
  });
  return () => {
    if (!portal) throw new Error('the portal world has not started (see the beforeAll error)');
    return portal;
  };
}
