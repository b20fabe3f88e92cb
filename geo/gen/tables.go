package main

// Hand-written tables. They add English names that news uses but the npm
// data lacks; every entry must point at a record the data has.

// iso3Override replaces the ISO3 code of i18n-iso-countries where the
// project's dictionaries (dicts/actors/countries.txt) use another one.
var iso3Override = map[string]string{
	"XK": "XKX", // Kosovo: i18n-iso-countries says XKK
}

// displayName is the name a country is shown under when the first English
// name of i18n-iso-countries is a formal or inverted one.
var displayName = map[string]string{
	"BN": "Brunei", "BO": "Bolivia", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
	"CI": "Ivory Coast", "CN": "China", "CZ": "Czech Republic", "FK": "Falkland Islands", "FM": "Micronesia",
	"GB": "United Kingdom", "GM": "Gambia", "IR": "Iran", "KR": "South Korea", "LA": "Laos", "MD": "Moldova",
	"MK": "North Macedonia", "NL": "Netherlands", "PS": "Palestine", "RU": "Russia", "SY": "Syria",
	"TW": "Taiwan", "TZ": "Tanzania", "US": "United States", "VA": "Vatican City", "VE": "Venezuela",
	"VG": "British Virgin Islands", "VI": "U.S. Virgin Islands", "TR": "Turkey", "BS": "Bahamas",
	"SX": "Sint Maarten", "MF": "Saint Martin", "PN": "Pitcairn Islands", "TL": "East Timor",
}

// countryAliases are more English names of countries.
var countryAliases = map[string][]string{
	"AE": {"United Arab Emirates", "Emirates"},
	"BA": {"Bosnia", "Bosnia-Herzegovina"},
	"BN": {"Brunei Darussalam"},
	"CD": {"DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"},
	"CG": {"Congo-Brazzaville", "Congo Republic"},
	"CV": {"Cabo Verde"},
	"CZ": {"Czechia"},
	"GB": {"Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"},
	"KP": {"DPRK", "Democratic People's Republic of Korea"},
	"KR": {"Republic of Korea"},
	"LA": {"Lao People's Democratic Republic"},
	"MK": {"Macedonia"},
	"MM": {"Burma"},
	"PS": {"Palestinian Territories", "State of Palestine"},
	"RU": {"Russian Federation"},
	"SY": {"Syrian Arab Republic"},
	"SZ": {"Swaziland"},
	"TL": {"Timor-Leste"},
	"TR": {"Türkiye", "Turkiye"},
	"US": {"America", "United States of America"},
	"VA": {"Holy See", "Vatican"},
	"VE": {"Bolivarian Republic of Venezuela"},
	"VN": {"Viet Nam"},
}

// admin1Aliases are English spellings of first-level divisions, keyed by
// GeoNames "CC.code".
var admin1Aliases = map[string][]string{
	"AF.33": {"Sari Pul", "Sar-i-Pul", "Sar-e Pul", "Sar-i Pul", "Saripul"},
	"AF.09": {"Ghor"},
	"AF.39": {"Uruzgan", "Oruzgan"},
	"AF.37": {"Khost"},
	"AF.27": {"Wardak", "Maidan Wardak"},
	"AF.31": {"Jawzjan", "Jowzjan"},
	"AF.02": {"Badghis"},
	"AF.41": {"Daikundi", "Daykundi"},
	"AF.36": {"Paktiya"},
	"AF.38": {"Nurestan"},
	"AF.18": {"Nangarhar"},
	"YE.04": {"Hadramout", "Hadramawt", "Hadhramaut"},
	"PK.03": {"Khyber-Pakhtunkhwa", "NWFP"},
}

// placeAliases are English exonyms and older names of places, keyed by
// "CC|GeoNames name".
var placeAliases = map[string][]string{
	"US|Washington, D.C.":  {"Washington", "Washington DC", "Washington D.C."},
	"US|New York City":     {"New York"},
	"UA|Kyiv":              {"Kiev"},
	"UA|Odessa":            {"Odesa"},
	"UA|Kharkiv":           {"Kharkov"},
	"UA|Mykolaiv":          {"Nikolaev", "Mykolayiv"},
	"UA|Dnipro":            {"Dnipropetrovsk"},
	"UA|Zaporizhia":        {"Zaporizhzhia", "Zaporozhye"},
	"IN|Mumbai":            {"Bombay"},
	"IN|Kolkata":           {"Calcutta"},
	"IN|Chennai":           {"Madras"},
	"IN|Bengaluru":         {"Bangalore"},
	"CN|Beijing":           {"Peking"},
	"CN|Guangzhou":         {"Canton"},
	"VN|Ho Chi Minh City":  {"Saigon"},
	"MM|Yangon":            {"Rangoon"},
	"AF|Mazār-e Sharīf":    {"Mazar-i-Sharif", "Mazar-e-Sharif", "Mazar-i Sharif", "Mazar"},
	"AF|Lashkar Gāh":       {"Lashkargah"},
	"YE|Sanaa":             {"Sana'a", "Sana"},
	"SY|Aleppo":            {"Halab"},
	"IQ|Mosul":             {"Al-Mawsil"},
	"KZ|Astana":            {"Nur-Sultan"},
	"TR|Istanbul":          {"Constantinople"},
	"CD|Kinshasa":          {"Leopoldville"},
	"CI|Abidjan":           {},
	"EG|Cairo":             {"Al-Qahira"},
	"PS|Gaza":              {"Gaza City"},
	"IL|Jerusalem":         {"Al-Quds"},
	"KR|Seoul":             {},
	"KP|Pyongyang":         {"P'yongyang"},
	"RU|Saint Petersburg":  {"St. Petersburg", "St Petersburg", "Leningrad"},
	"RU|Volgograd":         {"Stalingrad"},
	"GE|Tbilisi":           {"Tiflis"},
	"LY|Tripoli":           {"Tarabulus"},
	"BY|Minsk":             {},
	"MK|Skopje":            {},
	"TH|Bangkok":           {"Krung Thep"},
	"KH|Phnom Penh":        {},
	"PK|Karachi":           {},
	"BD|Dhaka":             {"Dacca"},
	"CH|Genève":            {"Geneva"},
	"DE|Köln":              {"Cologne"},
	"DE|Nürnberg":          {"Nuremberg"},
	"DE|Frankfurt am Main": {"Frankfurt"},
	"DE|München":           {"Munich"},
	"MN|Ulan Bator":        {"Ulaanbaatar"},
	"PS|Khān Yūnis":        {"Khan Younis", "Khan Yunis"},
	"PS|Rafaḩ":             {"Rafah"},
	"PS|Janīn":             {"Jenin"},
	"PS|Bayt Lāhyā":        {"Beit Lahia"},
	"PS|Bayt Ḩānūn":        {"Beit Hanoun"},
	"SE|Göteborg":          {"Gothenburg"},
	"ES|Sevilla":           {"Seville"},
	"ES|Zaragoza":          {"Saragossa"},
	"BE|Antwerpen":         {"Antwerp"},
	"BE|Brugge":            {"Bruges"},
	"BE|Gent":              {"Ghent"},
	"PL|Kraków":            {"Cracow"},
	"PL|Warszawa":          {"Warsaw"},
	"SA|Mecca":             {"Makkah"},
	"YE|Al Ḩudaydah":       {"Hodeidah", "Hudaydah"},
	"YE|Ta‘izz":            {"Taiz"},
	"IQ|Al Fallūjah":       {"Fallujah"},
	"SY|Ar Raqqah":         {"Raqqa"},
	"IT|Roma":              {"Rome"},
	"IT|Milano":            {"Milan"},
	"IT|Napoli":            {"Naples"},
	"IT|Torino":            {"Turin"},
	"IT|Firenze":           {"Florence"},
	"IT|Venezia":           {"Venice"},
	"PT|Lisboa":            {"Lisbon"},
	"CZ|Praha":             {"Prague"},
	"AT|Wien":              {"Vienna"},
}

// arabicCountries are ISO2 codes of countries whose place names often
// carry the Arabic article ("Ar Raqqah"), which English news drops.
var arabicCountries = map[string]bool{
	"AE": true, "BH": true, "DZ": true, "EG": true, "IQ": true, "JO": true, "KW": true, "LB": true,
	"LY": true, "MA": true, "MR": true, "OM": true, "PS": true, "QA": true, "SA": true, "SD": true,
	"SY": true, "TN": true, "YE": true,
}

// englishName lists placeAliases keys whose first alias is the name English
// news uses; it becomes the place's name and the GeoNames name an alias.
var englishName = map[string]bool{
	"CH|Genève": true, "DE|Köln": true, "DE|Nürnberg": true, "DE|München": true, "MN|Ulan Bator": true,
	"PS|Khān Yūnis": true, "PS|Rafaḩ": true, "PS|Janīn": true, "PS|Bayt Lāhyā": true, "PS|Bayt Ḩānūn": true,
	"SE|Göteborg": true, "ES|Sevilla": true, "BE|Antwerpen": true, "BE|Brugge": true, "BE|Gent": true,
	"PL|Warszawa": true, "YE|Al Ḩudaydah": true, "IQ|Al Fallūjah": true, "SY|Ar Raqqah": true,
	"IT|Roma": true, "IT|Milano": true, "IT|Napoli": true, "IT|Torino": true, "IT|Firenze": true,
	"IT|Venezia": true, "PT|Lisboa": true, "CZ|Praha": true, "AT|Wien": true,
}
