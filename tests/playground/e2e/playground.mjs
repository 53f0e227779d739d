// Starts the Microsoft 365 Agents Playground against a running bot and drives its web UI with headless Chromium.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const settings = {
  botUrl: process.env.BOT_URL ?? 'http://127.0.0.1:3978/api/messages',
  port: Number(process.env.PLAYGROUND_PORT ?? 56150),
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  profile: process.env.E2E_PROFILE ?? 'dev',
  approvalProfile: process.env.E2E_APPROVAL_PROFILE ?? '',
  timeoutMs: Number(process.env.E2E_TIMEOUT_MS ?? 30000),
};

// The playground's built-in mock data: tenant, the current user (requester) and another user (approver).
export const mock = {
  tenant: '00000000-0000-0000-0000-0000000000001',
  requester: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  approver: { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  generalChannel: 'team-id',
};

export async function assertBotIsUp() {
  const health = new URL('/healthz', settings.botUrl);
  const response = await fetch(health).catch((e) => { throw new Error(`No bot at ${health}: start the host first (${e.message})`); });
  if (!response.ok) throw new Error(`${health} answered ${response.status}`);
}

/** Runs the playground CLI (no npx: the pinned copy in node_modules) and waits until it listens. */
export async function startPlayground() {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, '-e', settings.botUrl, '-c', 'msteams', '-p', String(settings.port), '--dt'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none' },
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`playground did not start:\n${output}`)), settings.timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        if (Number(match[1]) !== settings.port) reject(new Error(`port ${settings.port} busy; the playground took ${match[1]}`));
        else resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`playground exited with ${code}:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${settings.port}/` };
}

export async function openUi(url) {
  const browser = await chromium.launch({
    executablePath: settings.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(settings.timeoutMs);
  await page.goto(url, { waitUntil: 'networkidle' });
  // The playground introduces the bot (conversationUpdate, then installationUpdate) before it will carry messages;
  // typing earlier can lose the first message. Its log panel shows when the bot has answered the second one.
  await page.getByText(/installationUpdate 200/).first().waitFor();
  return { browser, page };
}

export async function openConversation(page, name) {
  await page.locator(`[aria-label="${name}"]`).first().click();
}

/** Types into the first composer and sends; `mention` first picks the bot from the @-mention list (channels). */
export async function send(page, text, { mention = false } = {}) {
  const box = page.locator('[contenteditable="true"]').first();
  await box.click();
  if (mention) {
    await page.keyboard.type('@Test');
    await page.getByRole('menuitem', { name: /Test Bot/ }).first().click();
    await page.keyboard.type(' ');
  }
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** What the "Mock an Activity" dialog sends: a custom activity from another mock user. */
export async function sendCustomActivity(url, conversationId, patch) {
  const template = await (await fetch(new URL(`/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`, url))).json();
  const response = await fetch(new URL('/_internal/v1/customActivities', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...template, ...patch }),
  });
  if (!response.ok) throw new Error(`custom activity refused: ${response.status}`);
}
