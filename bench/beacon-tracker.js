// The baseline of `npm run bench`: a 20-line beacon tracker, the least a page can load to record
// events (no queue, no retries, no consent, nothing survives a failure). Not part of the SDK.
(function () {
  var endpoint = document.currentScript.dataset.endpoint;
  var anonymousId = String(Math.random()).slice(2);
  var queue = [];
  var send = function () {
    if (!queue.length) return;
    var body = JSON.stringify({ batch: queue.splice(0), sentAt: new Date().toISOString() });
    fetch(endpoint + '/v1/batch', { method: 'POST', body: body, keepalive: true, credentials: 'omit' }).catch(function () {});
  };
  window.beaconTracker = {
    track: function (event, properties) {
      queue.push({ type: 'track', event: event, properties: properties || {}, anonymousId: anonymousId,
        messageId: String(Math.random()).slice(2), timestamp: new Date().toISOString(),
        context: { page: { url: location.href, title: document.title }, userAgent: navigator.userAgent } });
      if (queue.length === 1) setTimeout(send, 5000);
    },
  };
  addEventListener('pagehide', send);
})();
