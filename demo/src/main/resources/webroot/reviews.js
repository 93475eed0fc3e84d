/*
 * The product page's review count: an island that reads ["reviews", id] from the query cache; and
 * the shop's count of posted reviews, ["reviews-posted"].
 * A review being posted counts at once (an optimistic update), and is taken back if the post fails.
 */
(function () {
  'use strict';
  if (!window.arbor) return; // a complete document has no runtime: the server HTML stays

  arbor.island('review-count', function (island, props) {
    var count = island.querySelector('.review-count');
    function render(reviews) {
      count.textContent = reviews.length + ' reviews';
      count.setAttribute('data-state', 'cache');
    }
    arbor.subscribe(props.key, function (reviews, status) {
      if (status === 'success') render(reviews);
    });
    arbor.query(props.key).then(render);
  });

  // The shop's sidebar: kept by navigations between products, so its count comes from the query
  // state that a review's answer carries (the action invalidates ["reviews-posted"]).
  arbor.island('posted-count', function (island, props) {
    var count = island.querySelector('.posted-count');
    function render(n) {
      count.textContent = n + ' posted by customers';
      count.setAttribute('data-state', 'cache');
    }
    arbor.subscribe(props.key, function (n, status) {
      if (status === 'success') render(n);
    });
    arbor.query(props.key).then(render);
  });

  // This script runs again on every navigation to a product page: one listener is enough.
  if (window.reviewsOptimistic) return;
  window.reviewsOptimistic = true;
  document.addEventListener('arbor:submit', function (event) {
    var key = event.target.getAttribute('data-optimistic-key');
    if (!key) return;
    var form = event.detail.formData;
    event.detail.optimistic(JSON.parse(key), function (reviews) {
      var mine = { author: form.get('author'), stars: Number(form.get('stars')), text: form.get('text') };
      return [mine].concat(reviews || []);
    });
  });
})();
