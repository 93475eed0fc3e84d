/* The /posts page's islands: plain script on Arbor's client runtime (window.arbor). */
(function () {
  'use strict';
  if (!window.arbor) return; // a complete document (crawlers) has no runtime: the server HTML stays

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function reference(error) {
    return error && error.digest ? ' (reference ' + error.digest + ')' : '';
  }

  // The feed: listed from the hydrated cache, no request; Refresh refetches through /_arbor/query.
  arbor.island('post-list', function (island, props) {
    var root = island.querySelector('.feed');
    var button = root.querySelector('.refresh');
    var problem = root.querySelector('.feed-error');

    function render(feed) {
      var list = root.querySelector('.posts');
      list.textContent = '';
      feed.posts.forEach(function (post) {
        var item = el('li', 'post');
        item.appendChild(el('div', 'post-title', post.title));
        item.appendChild(el('p', 'post-excerpt', post.excerpt));
        item.appendChild(el('div', 'muted post-meta', 'by ' + post.author + ' · ' + post.likes + ' likes'));
        list.appendChild(item);
      });
      root.querySelector('.feed-meta').textContent = 'Revision ' + feed.revision + ' · fetched at ' + feed.fetchedAt;
      root.setAttribute('data-revision', feed.revision);
    }

    arbor.subscribe(props.key, function (feed, status) {
      if (status === 'success') render(feed);
    });
    arbor.query(props.key).then(function (feed) {
      render(feed);
      root.setAttribute('data-state', 'ready');
      button.disabled = false;
    });
    // While refreshing the button says so with aria-disabled instead of disabled: a disabled
    // button loses keyboard focus (to <body>), and a keyboard user would have to find it again.
    var refreshing = false;
    button.addEventListener('click', function () {
      if (refreshing) return;
      refreshing = true;
      button.setAttribute('aria-disabled', 'true');
      problem.hidden = true;
      root.setAttribute('data-state', 'refreshing');
      arbor.refetch(props.key).then(function () {
        root.setAttribute('data-state', 'ready');
      }, function (error) {
        problem.textContent = 'The feed could not be refreshed' + reference(error) + '.';
        problem.hidden = false;
        root.setAttribute('data-state', 'failed');
      }).then(function () {
        refreshing = false;
        button.removeAttribute('aria-disabled');
      });
    });
  });

  // The comments: the island streams in with them rendered on the server; the same list is
  // rendered here from the cache, which is what a refetch would update.
  arbor.island('comments', function (island, props) {
    var root = island.querySelector('.comments-island');
    root.setAttribute('data-state', 'mounted');
    arbor.query(props.key).then(function (comments) {
      var list = root.querySelector('.comments');
      list.textContent = '';
      comments.forEach(function (comment) {
        var item = el('li', 'comment');
        item.appendChild(el('div', 'avatar', comment.author.charAt(0)));
        var body = el('div', 'grow');
        body.appendChild(el('p', 'strong', comment.author));
        body.appendChild(el('p', null, comment.text));
        item.appendChild(body);
        list.appendChild(item);
      });
      root.querySelector('.comment-count').textContent = comments.length;
      root.setAttribute('data-state', 'ready');
    }, function (error) {
      root.querySelector('.comments').textContent = 'The comments are unavailable' + reference(error) + '.';
      root.setAttribute('data-state', 'failed');
    });
  });

  // Reader stats: their query's streamed result is an error, so arbor.query rejects; the island
  // shows the reference of the query's error, the one page scripts see.
  arbor.island('reader-stats', function (island, props) {
    var root = island.querySelector('.stats-strip');
    var body = root.querySelector('.stats-body');
    arbor.query(props.key).then(function (stats) {
      body.textContent = stats.readers + ' readers · ' + stats.minutesRead + ' minutes read';
      root.setAttribute('data-state', 'ready');
    }, function (error) {
      body.textContent = 'unavailable right now' + reference(error) + '.';
      body.className = 'stats-body stats-failed';
      root.setAttribute('data-digest', error.digest || '');
      root.setAttribute('data-state', 'failed');
    });
  });
})();
