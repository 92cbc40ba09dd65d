// Background service worker: answers the content scripts, popup and options page.
export default defineBackground(() => {
  browser.runtime.onMessage.addListener(() => undefined);
});
