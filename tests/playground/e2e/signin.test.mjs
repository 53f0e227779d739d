// End-to-end through the Microsoft 365 Agents Playground UI. Needs a running ChatOpsSignin host in Teams local mode
// (see tests/playground/README.md). Run: BOT_URL=http://127.0.0.1:3978/api/messages npm test
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertBotIsUp, mock, openConversation, openUi, send, sendCustomActivity, settings, startPlayground } from './playground.mjs';

let playground;
let ui;

before(async () => {
  await assertBotIsUp();
  playground = await startPlayground();
  ui = await openUi(playground.url);
});

after(async () => {
  await ui?.browser.close();
  playground?.child.kill();
});

// Adaptive Cards render Action.OpenUrl as a button with role "link"; its title is the URL it opens.
const consoleLink = (page) => page.getByRole('link', { name: 'Open AWS console' });

/** Follows the card's URL like a browser would, without leaving for the real console: the federation endpoint must accept it. */
async function assertSignsIn(link) {
  const url = await link.getAttribute('title');
  assert.match(url ?? '', /Action=login/, 'the button does not carry a console sign-in URL');
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 302, `the federation endpoint refused the link (${response.status})`);
}

test('help in the personal chat lists the profiles', async () => {
  const { page } = ui;
  await openConversation(page, 'Personal Chat');
  await send(page, 'help');
  await page.getByText('Ask for an AWS console link').last().waitFor();
  await page.getByText(settings.profile, { exact: true }).last().waitFor();
});

test('console in the personal chat brings the link card there', async () => {
  const { page } = ui;
  await openConversation(page, 'Personal Chat');
  await send(page, `console ${settings.profile} playground e2e`);
  const button = consoleLink(page).last();
  await button.waitFor();
  await page.getByText('Link expires').last().waitFor();
  await assertSignsIn(button);
});

test('approval: prompt in the channel, another user approves, link only in the 1:1 chat', { skip: !settings.approvalProfile && 'set E2E_APPROVAL_PROFILE' }, async () => {
  const { page } = ui;
  await openConversation(page, 'My Team - General');
  await send(page, `console ${settings.approvalProfile} playground approval`, { mention: true });
  await page.getByRole('button', { name: 'Approve' }).last().waitFor();
  const requestId = (await page.getByText(/^req_[0-9a-f]+$/).last().innerText()).trim();

  // The playground's single browser user is the requester; the approver clicks through a mocked invoke, as the
  // "Mock an Activity" dialog would send it.
  await sendCustomActivity(playground.url, mock.generalChannel, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: mock.approver,
    value: { action: { type: 'Action.Execute', verb: 'approve', data: { requestId } }, trigger: 'manual' },
  });
  await page.getByText(`Approved by ${mock.approver.name}`).last().waitFor();
  assert.equal(await consoleLink(page).count(), 0, 'a link card showed up in the channel');

  await openConversation(page, 'Personal Chat');
  await page.getByText(`AWS console: ${settings.approvalProfile}`).last().waitFor();
  await assertSignsIn(consoleLink(page).last());
});
