/*
 * The product page's review count: an island that reads ["reviews", id] from the query cache.
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
