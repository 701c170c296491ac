package dev.ferry.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Product categories with plausible price ranges, product nouns and tags. Weights make some categories
 * more common in the catalog than others, as in a real shop.
 */
enum Category {
    ELECTRONICS("Electronics", 9_99, 1_999_00, 14,
            List.of("Headphones", "Smartphone", "Monitor", "Keyboard", "Speaker", "Charger", "Tablet", "Camera"),
            List.of("wireless", "4k", "bluetooth", "27\" screen", "refurbished")),
    BOOKS("Books", 4_99, 79_00, 12,
            List.of("Novel", "Cookbook", "Atlas", "Biography", "Travel Guide", "Children's Book", "Textbook"),
            List.of("paperback", "hardcover", "bestseller", "signed copy", "2nd edition")),
    HOME("Home", 3_99, 899_00, 11,
            List.of("Lamp", "Curtain", "Pillow", "Frying Pan", "Kettle", "Rug", "Shelf", "Vacuum Cleaner"),
            List.of("eco", "handmade", "set of 2", "dishwasher-safe")),
    GARDEN("Garden", 2_99, 1_499_00, 6,
            List.of("Hose", "Lawn Mower", "Planter", "Seeds", "Pruning Shears", "Garden Chair", "Grill"),
            List.of("outdoor", "weatherproof", "organic", "cordless")),
    TOYS("Toys", 4_99, 249_00, 9,
            List.of("Puzzle", "Building Blocks", "Doll", "Board Game", "RC Car", "Plush Bear", "Kite"),
            List.of("kids, 3+", "educational", "gift idea", "family")),
    SPORTS("Sports", 5_99, 1_299_00, 8,
            List.of("Yoga Mat", "Running Shoes", "Dumbbell", "Bicycle Helmet", "Tennis Racket", "Backpack"),
            List.of("outdoor", "lightweight", "pro", "unisex")),
    BEAUTY("Beauty", 2_49, 189_00, 8,
            List.of("Shampoo", "Face Cream", "Perfume", "Lipstick", "Hair Dryer", "Nail Polish"),
            List.of("vegan", "cruelty-free", "sensitive skin", "travel size")),
    GROCERY("Grocery", 99, 59_00, 10,
            List.of("Coffee Beans", "Olive Oil", "Green Tea", "Dark Chocolate", "Pasta", "Honey", "Granola"),
            List.of("organic", "fair trade", "gluten-free", "bulk")),
    CLOTHING("Clothing", 6_99, 399_00, 14,
            List.of("T-Shirt", "Jeans", "Jacket", "Sweater", "Sneakers", "Dress", "Scarf", "Raincoat"),
            List.of("cotton", "slim fit", "unisex", "winter", "sale")),
    AUTO("Auto", 4_99, 2_499_00, 5,
            List.of("Car Battery", "Wiper Blades", "Dash Cam", "Tire Inflator", "Seat Cover", "Motor Oil"),
            List.of("universal fit", "12V", "all-season"));

    private static final Category[] VALUES = values();
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(VALUES).mapToInt(c -> c.weight).sum();

    final String label;
    final long minCents;
    final long maxCents;
    final int weight;
    final List<String> nouns;
    final List<String> tags;

    Category(String label, long minCents, long maxCents, int weight, List<String> nouns, List<String> tags) {
        this.label = label;
        this.minCents = minCents;
        this.maxCents = maxCents;
        this.weight = weight;
        this.nouns = nouns;
        this.tags = tags;
    }

    static Category pick(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Category category : VALUES) {
            ticket -= category.weight;
            if (ticket < 0) {
                return category;
            }
        }
        throw new AssertionError("weights");
    }

    /**
     * A price skewed towards the cheap end of the range (most products are cheap, a few are expensive),
     * ending in .99, .49 or a whole amount like real price tags.
     */
    long price(SplittableRandom random) {
        double u = random.nextDouble();
        long cents = minCents + (long) ((maxCents - minCents) * u * u * u);
        long whole = Math.max(0, cents / 100);
        long tag = switch (random.nextInt(4)) {
            case 0 -> whole * 100 + 49;
            case 1 -> whole * 100;
            default -> whole * 100 + 99;
        };
        return Math.max(minCents, tag);
    }

    /** Category-specific attributes as a JSON object; the keys differ per category, as in real catalogs. */
    String attributesJson(SplittableRandom random) {
        String color = Vocabulary.COLORS.get(random.nextInt(Vocabulary.COLORS.size()));
        return switch (this) {
            case ELECTRONICS -> "{\"brand\": \"" + Vocabulary.pick(random, Vocabulary.BRANDS) + "\", \"warranty_months\": "
                    + (12 * (1 + random.nextInt(3))) + ", \"color\": \"" + color + "\"}";
            case BOOKS -> "{\"pages\": " + (80 + random.nextInt(900)) + ", \"language\": \""
                    + Vocabulary.pick(random, List.of("en", "de", "fr", "es", "ru")) + "\"}";
            case CLOTHING -> "{\"size\": \"" + Vocabulary.pick(random, List.of("XS", "S", "M", "L", "XL"))
                    + "\", \"color\": \"" + color + "\", \"material\": \"cotton\"}";
            case GROCERY -> "{\"weight_g\": " + (100 * (1 + random.nextInt(20))) + ", \"organic\": "
                    + random.nextBoolean() + "}";
            default -> "{\"color\": \"" + color + "\", \"weight_kg\": " + (1 + random.nextInt(300)) / 10.0 + "}";
        };
    }
}
