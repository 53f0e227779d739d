// Drives a playground that scripts/try-it-locally.sh started (PLAYGROUND_URL): `console <E2E_PROFILE>` in the personal
// chat must bring the "Open AWS console" card, and its link must sign in at the federation endpoint. Prints no URL.
import assert from 'node:assert/strict';
import { openConversation, openUi, send, settings } from './e2e/playground.mjs';

const url = process.env.PLAYGROUND_URL ?? `http://127.0.0.1:${settings.port}/`;
const { browser, page } = await openUi(url);
try {
  await openConversation(page, 'Personal Chat');
  await send(page, `console ${settings.profile} trying it locally`);
  const button = page.getByRole('link', { name: 'Open AWS console' }).last();
  await button.waitFor();
  const link = await button.getAttribute('title');
  assert.match(link ?? '', /Action=login/, 'the card does not carry a console sign-in URL');
  const response = await fetch(link, { redirect: 'manual' });
  assert.equal(response.status, 302, `the federation endpoint refused the link (${response.status})`);
  console.log('try-it: the playground answered with a working console link');
} finally {
  await browser.close();
}
