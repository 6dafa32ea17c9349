// The web chat page: Microsoft's Web Chat on the bot's own local Direct Line (polling, no WebSocket),
// in the visitor's language. Loaded after /webchat/webchat.js (both deferred).
(function () {
  'use strict';

  var LOCALES = { en: 'en-US', sv: 'sv-SE', nb: 'nb-NO', pl: 'pl-PL' };
  // What the page sends when the language changes mid-conversation: the bot switches on a language's name.
  var NAMES = { en: 'English', sv: 'Svenska', nb: 'Norsk', pl: 'Polski' };
  var PRIMARY = { en: 'en', sv: 'sv', nb: 'nb', no: 'nb', nn: 'nb', pl: 'pl' };

  var $ = function (id) { return document.getElementById(id); };
  var page = { strings: {}, demo: false };
  var lng = 'en';
  var chat = null;

  function fromTag(tag) {
    return PRIMARY[String(tag || '').toLowerCase().split(/[-_]/)[0]];
  }

  /** ?lang= if the visitor chose one, else the first of the browser's languages the bot speaks, else English. */
  function initialLanguage() {
    var chosen = new URLSearchParams(location.search).get('lang');
    if (chosen && LOCALES[chosen]) return chosen;
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < tags.length; i++) {
      var found = fromTag(tags[i]);
      if (found) return found;
    }
    return 'en';
  }

  function words() {
    return page.strings[lng] || page.strings.en || {};
  }

  function applyWords() {
    var w = words();
    document.documentElement.lang = lng;
    document.title = w.name;
    $('name').textContent = w.name;
    $('tagline').textContent = w.tagline;
    $('language-label').textContent = w.language;
    $('restart').textContent = w.restart;
    $('demo').textContent = w.demo;
    $('demo').hidden = !page.demo;
    $('language').value = lng;
  }

  function status(text, isError) {
    var el = $('status');
    el.textContent = text || '';
    el.hidden = !text;
    el.classList.toggle('error', !!isError);
  }

  var styleOptions = {
    accent: '#0f6cbd',
    primaryFont: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    backgroundColor: '#ffffff',
    botAvatarImage: '/icon.svg',
    botAvatarInitials: 'PS',
    botAvatarBackgroundColor: '#0f6cbd',
    bubbleBackground: '#f3f5f8',
    bubbleBorderColor: '#f3f5f8',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: '#0f6cbd',
    bubbleFromUserBorderColor: '#0f6cbd',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 10,
    bubbleMaxWidth: 620,
    cardEmphasisBackgroundColor: '#f3f5f8',
    hideUploadButton: true,
    sendBoxBorderTop: 'solid 1px #dfe3e8',
    suggestedActionBorderRadius: 6,
    richCardWrapTitle: true,
  };

  /**
   * Web Chat does not run Action.Execute (Universal Actions, which Teams runs as an invoke). A card that
   * uses it carries an Action.Submit fallback for hosts like this one: use it, as the card intends.
   * Without a fallback the press becomes the equivalent Action.Submit ({ verb, ...data }).
   */
  function withoutExecute(node) {
    if (Array.isArray(node)) return node.map(withoutExecute);
    if (!node || typeof node !== 'object') return node;
    if (node.type === 'Action.Execute') {
      if (node.fallback && typeof node.fallback === 'object') return withoutExecute(node.fallback);
      var data = node.data && typeof node.data === 'object' ? node.data : {};
      return { type: 'Action.Submit', title: node.title, style: node.style, associatedInputs: node.associatedInputs, data: Object.assign({ verb: node.verb }, data) };
    }
    var copy = {};
    for (var key in node) if (Object.prototype.hasOwnProperty.call(node, key)) copy[key] = withoutExecute(node[key]);
    return copy;
  }

  function adaptCards(activity) {
    if (!activity || !Array.isArray(activity.attachments)) return activity;
    var attachments = activity.attachments.map(function (attachment) {
      if (!attachment || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') return attachment;
      return Object.assign({}, attachment, { content: withoutExecute(attachment.content) });
    });
    return Object.assign({}, activity, { attachments: attachments });
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: chat.directLine,
        store: chat.store,
        locale: LOCALES[lng],
        styleOptions: styleOptions,
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: words().inputPlaceholder },
      },
      chat.element,
    );
  }

  /** Web Chat's Direct Line client on the local Direct Line, polling (no WebSocket); `resume` continues a conversation from a watermark. */
  function directLineFor(token, resume) {
    var options = { token: token, domain: location.origin + '/v3/directline', webSocket: false, conversationStartProperties: { locale: LOCALES[lng] } };
    if (resume) {
      options.conversationId = resume.conversationId;
      options.watermark = resume.watermark;
    }
    return window.WebChat.createDirectLine(options);
  }

  function watchStatus(state) {
    state.directLine.connectionStatus$.subscribe(function (value) {
      if (chat !== state) return;
      if (value === 2) status('');
      else if (value === 4) status(words().failed, true);
    });
  }

  /**
   * Direct Line JS stops polling for good after one failed request (the bot restarting, a network blip)
   * and tells nobody. The page hears of it (a poll that failed on the network or with a 5xx) and
   * reconnects to the same conversation from its watermark once the Direct Line answers again; the bot
   * keeps its conversations, so the transcript simply goes on.
   */
  function watchPolling() {
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      if (String(method).toUpperCase() === 'GET' && /\/v3\/directline\/conversations\/[^/?]+\/activities\?watermark=/.test(String(url))) {
        var xhr = this;
        var stopped = function () { pollingStopped(); };
        xhr.addEventListener('error', stopped);
        xhr.addEventListener('timeout', stopped);
        xhr.addEventListener('load', function () { if (xhr.status >= 500) stopped(); });
      }
      return open.apply(this, arguments);
    };
  }

  function pollingStopped() {
    var state = chat;
    if (!state || state.reconnecting) return;
    state.reconnecting = true;
    var resume = { conversationId: state.directLine.conversationId, watermark: state.directLine.watermark || '' };
    var token = state.directLine.token;
    var tries = 0;
    status(words().connecting);
    (function attempt() {
      if (chat !== state) return;
      fetch('/v3/directline/conversations/' + encodeURIComponent(resume.conversationId) + '?watermark=' + encodeURIComponent(resume.watermark), {
        headers: { authorization: 'Bearer ' + token },
      })
        .then(function (response) {
          if (response.ok) return response.json();
          // The conversation has ended or the token is no longer good: nothing to go back to.
          if (response.status === 403 || response.status === 404 || response.status === 401) throw new Error('gone');
          throw new Error('retry');
        })
        .then(function (grant) {
          if (chat !== state) return;
          state.directLine.end();
          state.directLine = directLineFor(grant.token, resume);
          state.reconnecting = false;
          watchStatus(state);
          render();
        })
        .catch(function (error) {
          if (chat !== state) return;
          tries += 1;
          if (error.message === 'gone' || tries > 150) return status(words().failed, true);
          setTimeout(attempt, 2000);
        });
    })();
  }

  /** A new conversation in the current language: a token bound to it, then Web Chat polling the local Direct Line. */
  function startConversation() {
    if (chat) chat.directLine.end();
    $('chat').replaceChildren();
    status(words().connecting);
    return fetch('/v3/directline/tokens/generate', { method: 'POST' })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      })
      .then(function (grant) {
        // The user id is in the token (its `user` claim), where Web Chat reads it.
        var state = { spoke: false, element: document.createElement('div') };
        state.directLine = directLineFor(grant.token);
        state.store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              if (action.type === 'DIRECT_LINE/POST_ACTIVITY') state.spoke = true;
              if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity) {
                action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: adaptCards(action.payload.activity) }) });
              }
              return next(action);
            };
          };
        });
        watchStatus(state);
        $('chat').appendChild(state.element);
        chat = state;
        render();
      })
      .catch(function () {
        status(words().failed, true);
      });
  }

  function chooseLanguage(next) {
    if (next === lng || !LOCALES[next]) return;
    lng = next;
    var url = new URL(location.href);
    url.searchParams.set('lang', lng);
    history.replaceState(null, '', url);
    applyWords();
    if (chat && chat.spoke) {
      // Mid-conversation: keep the place, tell the bot, and switch Web Chat's own words.
      chat.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: NAMES[lng] } });
      render();
    } else {
      // Nothing said yet: start again, so the welcome comes in the new language.
      startConversation();
    }
  }

  function main() {
    lng = initialLanguage();
    watchPolling();
    fetch('/web/page.json')
      .then(function (response) { return response.json(); })
      .then(function (loaded) {
        page = loaded;
        applyWords();
        $('language').addEventListener('change', function (event) { chooseLanguage(event.target.value); });
        $('restart').addEventListener('click', function () { startConversation(); });
        return startConversation();
      })
      .catch(function () {
        status('The assistant could not be reached. Reload the page to try again.', true);
      });
  }

  main();
})();
