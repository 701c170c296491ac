package dev.ferry.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Words the generators combine into names, cities and companies. A few entries carry accents, Cyrillic,
 * apostrophes and emoji on purpose: real data does, and a copy tool must keep them intact.
 */
final class Vocabulary {

    static final List<String> FIRST_NAMES = List.of("Anna", "Ben", "Chloé", "David", "Elena", "Felix", "Grace",
            "Hiro", "Isabel", "Jonas", "Katarzyna", "Liam", "María", "Noah", "Olivia", "Pavel", "Quinn", "Rosa",
            "Sven", "Tomás", "Uma", "Viktor", "Wei", "Yusuf", "Zoë", "Łukasz", "Юлия", "Дмитрий", "Søren", "Aïsha");

    static final List<String> LAST_NAMES = List.of("Smith", "Müller", "García", "Rossi", "Novak", "Kowalski",
            "Dubois", "Jensen", "O'Brien", "Tanaka", "Silva", "Nguyen", "Petrov", "Schmidt", "Johansson",
            "van der Berg", "Fernández", "Kim", "Larsen", "Иванова", "Соколов", "Öztürk", "Brown", "Wilson");

    static final List<String> CITIES = List.of("Berlin", "München", "Paris", "Lyon", "Madrid", "Barcelona",
            "Rome", "Milan", "Warsaw", "Kraków", "Amsterdam", "Vienna", "Zürich", "Prague", "Copenhagen",
            "Stockholm", "London", "Dublin", "Lisbon", "Москва", "New York", "Austin", "Toronto", "São Paulo");

    static final List<String> COUNTRIES = List.of("DE", "FR", "ES", "IT", "PL", "NL", "AT", "CH", "CZ", "DK",
            "SE", "GB", "IE", "PT", "US", "CA", "BR", "CN", "JP", "KR");

    static final List<String> COMPANY_WORDS = List.of("Nordic", "Blue", "Golden", "Urban", "Happy", "Prime",
            "Green", "Bright", "Alpine", "Coastal", "Royal", "Swift", "Little", "Smart", "Wild", "Silver");

    static final List<String> COMPANY_NOUNS = List.of("Goods", "Trading", "Supply", "Outlet", "Market",
            "Store", "Works", "Crafts", "House", "Depot", "Bazaar", "Emporium");

    static final List<String> COMPANY_SUFFIXES = List.of("GmbH", "Ltd", "S.A.", "Inc.", "AB", "B.V.", "& Co.",
            "sp. z o.o.");

    static final List<String> COLORS = List.of("black", "white", "red", "blue", "green", "grey", "beige",
            "navy", "pink", "yellow");

    static final List<String> BRANDS = List.of("Voltix", "Sonora", "Pixelon", "Nordtek", "Aurum", "Kiwa");

    static final List<String> ADJECTIVES = List.of("Classic", "Deluxe", "Compact", "Premium", "Essential",
            "Ultra", "Eco", "Pro", "Mini", "Vintage", "Smart", "Family-Size");

    private Vocabulary() {
    }

    static String pick(SplittableRandom random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
