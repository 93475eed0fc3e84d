package dev.arbor.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The demo's embedded data: a small outdoor-gear shop. No external service. */
public final class Store {
    private Store() {
    }

    /** A product in the catalog. */
    public record Product(String id, String name, String category, int priceCents, String summary,
            double rating, int reviewCount) {
    }

    /** An order placed today. */
    public record Order(String id, String customer, String product, int totalCents, String status, String time) {
    }

    /** A customer's review. */
    public record Review(String author, int stars, String product, String text) {
    }

    /** Units in stock at one warehouse. */
    public record Stock(String warehouse, int units, String eta) {
    }

    /** A shipping option. */
    public record ShippingRate(String carrier, String days, int priceCents) {
    }

    /** A category of the catalog. */
    public record Category(String slug, String name, int productCount) {
    }

    /** Today's key figures, cheap to compute: they go in the shell. */
    public record Kpis(int revenueCents, int orders, int visitors, double conversion) {
    }

    /** One week of the sales forecast, in units. */
    public record ForecastWeek(String week, int units) {
    }

    /** The shop's name. */
    public static final String STORE_NAME = "Trailhead Outfitters";

    private static final List<Product> PRODUCTS = List.of(
            new Product("alpine-tent", "Alpine 2P Tent", "Shelter", 34900,
                    "A four-season, two-person tent that pitches in three minutes and shrugs off 90 km/h winds.", 4.7, 182),
            new Product("summit-pack", "Summit 45 L Pack", "Packs", 18900,
                    "A light 45-litre pack with an adjustable back panel and a lid that turns into a day bag.", 4.5, 96),
            new Product("ember-stove", "Ember Titanium Stove", "Cooking", 6900,
                    "Boils a litre in three minutes and folds to the size of an egg.", 4.8, 241),
            new Product("drift-bag", "Drift -5 °C Sleeping Bag", "Sleep", 27900,
                    "Responsibly sourced down, comfortable to -5 °C, packs to a loaf of bread.", 4.6, 74),
            new Product("ridge-jacket", "Ridge Shell Jacket", "Clothing", 22900,
                    "Three-layer waterproof shell with pit zips and a helmet-compatible hood.", 4.4, 133));

    private static final List<Category> CATEGORIES = List.of(
            new Category("shelter", "Shelter", 12), new Category("packs", "Packs", 18),
            new Category("cooking", "Cooking", 9), new Category("sleep", "Sleep", 14),
            new Category("clothing", "Clothing", 31));

    /** @return the store's figures for today */
    public static Kpis kpis() {
        return new Kpis(1_284_650, 96, 4_812, 1.99);
    }

    /** @return every product */
    public static List<Product> products() {
        return PRODUCTS;
    }

    /**
     * @param id a product's id
     * @return the product, if there is one
     */
    public static Optional<Product> product(String id) {
        return PRODUCTS.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** @return the catalog's categories */
    public static List<Category> categories() {
        return CATEGORIES;
    }

    /** @return today's latest orders */
    public static List<Order> recentOrders() {
        return List.of(
                new Order("#4821", "Maya Lindqvist", "Alpine 2P Tent", 34900, "Paid", "10:42"),
                new Order("#4820", "Jonas Weber", "Ember Titanium Stove", 13800, "Shipped", "10:31"),
                new Order("#4819", "Aiko Tanaka", "Ridge Shell Jacket", 22900, "Paid", "10:17"),
                new Order("#4818", "Luis Moreno", "Summit 45 L Pack", 18900, "Refunded", "09:58"),
                new Order("#4817", "Grace Okafor", "Drift -5 °C Sleeping Bag", 27900, "Shipped", "09:40"));
    }

    /** @return the latest reviews */
    public static List<Review> reviews() {
        return List.of(
                new Review("Priya S.", 5, "Ember Titanium Stove", "Tiny, fast and it survived a week of rain in Skye."),
                new Review("Tom H.", 4, "Alpine 2P Tent", "Roomy for two, a little heavy for solo trips."),
                new Review("Lena K.", 5, "Drift -5 °C Sleeping Bag", "Warm at -3 °C with just a base layer."));
    }

    /**
     * @param product a product's id
     * @return its reviews
     */
    public static List<Review> reviewsOf(String product) {
        String name = product(product).map(Product::name).orElse("");
        List<Review> all = List.of(
                new Review("Sam R.", 5, name, "Exactly as described, and it arrived in two days."),
                new Review("Noor A.", 4, name, "Great build quality; the colour is darker than in the photos."));
        return all;
    }

    /**
     * The reviews customers post: safe to share between every server instance (event loops add and
     * read at the same time). Newest first, then the catalog's own reviews.
     */
    public static final class ReviewBook {
        private final ConcurrentHashMap<String, CopyOnWriteArrayList<Review>> posted = new ConcurrentHashMap<>();

        /**
         * @param product a product's id
         * @param review the review to add, shown first
         */
        public void add(String product, Review review) {
            posted.computeIfAbsent(product, id -> new CopyOnWriteArrayList<>()).add(0, review);
        }

        /** @return how many reviews customers posted, for every product */
        public int postedCount() {
            return posted.values().stream().mapToInt(List::size).sum();
        }

        /**
         * @param product a product's id
         * @return its reviews, the posted ones first (a snapshot)
         */
        public List<Review> reviewsOf(String product) {
            List<Review> all = new ArrayList<>(posted.getOrDefault(product, new CopyOnWriteArrayList<>()));
            all.addAll(Store.reviewsOf(product));
            return List.copyOf(all);
        }
    }

    /** @return units in stock per warehouse */
    public static List<Stock> stock() {
        return List.of(new Stock("Oslo", 42, "in stock"), new Stock("Lyon", 7, "low"), new Stock("Denver", 0, "restock in 6 days"));
    }

    /** @return shipping options */
    public static List<ShippingRate> shippingRates() {
        return List.of(new ShippingRate("Standard", "3–5 days", 0), new ShippingRate("Express", "1–2 days", 1490),
                new ShippingRate("Pick-up point", "2–4 days", 390));
    }

    /**
     * @param product a product's id
     * @return products often bought with it
     */
    public static List<Product> boughtWith(String product) {
        return PRODUCTS.stream().filter(p -> !p.id().equals(product)).limit(3).toList();
    }

    /** @return the sales forecast for the next weeks */
    public static List<ForecastWeek> forecast() {
        return List.of(new ForecastWeek("W23", 120), new ForecastWeek("W24", 135), new ForecastWeek("W25", 160),
                new ForecastWeek("W26", 210), new ForecastWeek("W27", 245), new ForecastWeek("W28", 230));
    }

    /**
     * @param cents an amount in cents
     * @return the amount in euros, as shown
     */
    public static String money(int cents) {
        return String.format(java.util.Locale.ROOT, "€%,d.%02d", cents / 100, cents % 100);
    }
}
