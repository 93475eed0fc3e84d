/* The product page's review count: an island that reads ["reviews", id] from the query cache. */
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
})();
