/*
** demo_names.c — first names and surnames for the demo population, one
** pool per language area (demo_names.h).  Data only.
*/
#include "demo_names.h"

#define DEMO_POOL(F, M, S) \
  { F, DEMO_N(F), M, DEMO_N(M), S, DEMO_N(S) }

/************************************************************************
** Names.  Italian ones first; then one pool per language area, shared by
** the countries that speak it.  Accents and apostrophes are deliberate:
** they exercise the UTF-8 paths of the application.
*/

static const char *const demo_azItFemale[] = {
    "Maria",      "Anna",       "Giulia",     "Francesca", "Sara",      "Laura",      "Chiara",
    "Valentina",  "Alessandra", "Silvia",     "Elena",     "Martina",   "Federica",   "Roberta",
    "Paola",      "Monica",     "Simona",     "Barbara",   "Cristina",  "Elisa",      "Giovanna",
    "Rosa",       "Angela",     "Lucia",      "Daniela",   "Stefania",  "Patrizia",   "Antonella",
    "Manuela",    "Michela",    "Claudia",    "Serena",    "Alessia",   "Ilaria",     "Veronica",
    "Sabrina",    "Cinzia",     "Raffaella",  "Tiziana",   "Loredana",  "Giuseppina", "Carla",
    "Marta",      "Beatrice",   "Sofia",      "Aurora",    "Alice",     "Ginevra",    "Emma",
    "Giorgia",    "Greta",      "Noemi",      "Arianna",   "Camilla",   "Benedetta",  "Irene",
    "Caterina",   "Carlotta",   "Viola",      "Matilde",   "Bianca",    "Rebecca",    "Nicole",
    "Asia",       "Gaia",       "Vittoria",   "Ludovica",  "Miriam",    "Debora",     "Erika",
    "Jessica",    "Katia",      "Sonia",      "Samanta",   "Lorena",    "Marina",     "Nadia",
    "Ornella",    "Rita",       "Teresa",     "Carmela",   "Concetta",  "Filomena",   "Assunta",
    "Immacolata", "Rosaria",    "Santina",    "Franca",    "Graziella", "Marisa",     "Luisa",
    "Mirella",    "Nicoletta",  "Donatella",  "Emanuela",  "Gabriella", "Lorella",    "Luana",
    "Mara",       "Morena",     "Ramona",     "Vanessa",   "Eleonora",  "Elisabetta", "Fabiola",
    "Giada",      "Lisa",       "Margherita", "Maddalena", "Marzia",    "Mariangela", "Natascia",
    "Ombretta",   "Pamela",     "Rossella",   "Tamara",    "Vania",     "Virginia",   "Ilenia",
    "Lara",       "Letizia",    "Agnese",     "Adele",     "Anita",     "Diletta",    "Iolanda",
    "Licia",      "Mariella",   "Nunzia",     "Piera",
};

static const char *const demo_azItMale[] = {
    "Marco",    "Andrea",   "Luca",         "Giuseppe",  "Francesco",  "Alessandro", "Giovanni",
    "Roberto",  "Stefano",  "Paolo",        "Antonio",   "Mario",      "Matteo",     "Lorenzo",
    "Davide",   "Simone",   "Federico",     "Riccardo",  "Fabio",      "Massimo",    "Claudio",
    "Maurizio", "Alberto",  "Daniele",      "Enrico",    "Gabriele",   "Giorgio",    "Michele",
    "Nicola",   "Pietro",   "Salvatore",    "Sergio",    "Vincenzo",   "Emanuele",   "Filippo",
    "Franco",   "Gianluca", "Giacomo",      "Leonardo",  "Tommaso",    "Niccolò",    "Nicolò",
    "Mattia",   "Edoardo",  "Samuele",      "Diego",     "Cristian",   "Manuel",     "Emiliano",
    "Fabrizio", "Gianni",   "Luigi",        "Carlo",     "Piero",      "Renzo",      "Sandro",
    "Silvano",  "Valerio",  "Vittorio",     "Walter",    "Umberto",    "Ugo",        "Aldo",
    "Bruno",    "Dario",    "Enzo",         "Ivo",       "Luciano",    "Marcello",   "Mauro",
    "Moreno",   "Raffaele", "Rocco",        "Sauro",     "Tiziano",    "Vasco",      "Alessio",
    "Angelo",   "Cosimo",   "Domenico",     "Gennaro",   "Ciro",       "Pasquale",   "Gaetano",
    "Carmine",  "Rosario",  "Calogero",     "Alfio",     "Ivan",       "Jacopo",     "Lapo",
    "Duccio",   "Guido",    "Ottavio",      "Pierluigi", "Gianfranco", "Giancarlo",  "Gianmarco",
    "Graziano", "Loris",    "Massimiliano", "Nedo",      "Oreste",     "Osvaldo",    "Renato",
    "Rodolfo",  "Sirio",    "Valentino",    "Elia",      "Gioele",     "Christian",  "Denis",
    "Kevin",    "Thomas",   "Mirko",        "Cristiano", "Fausto",     "Giulio",     "Lucio",
    "Ettore",   "Amedeo",   "Brando",       "Dino",      "Elio",       "Flavio",     "Giosuè",
};

/* Common all over Italy, then those typical of Pisa and Tuscany. */
static const char *const demo_azItSurname[] = {
    "Rossi",          "Russo",      "Ferrari",       "Esposito",    "Bianchi",      "Romano",
    "Colombo",        "Ricci",      "Marino",        "Greco",       "Bruno",        "Gallo",
    "Conti",          "De Luca",    "Mancini",       "Costa",       "Giordano",     "Rizzo",
    "Lombardi",       "Moretti",    "Barbieri",      "Fontana",     "Santoro",      "Mariani",
    "Rinaldi",        "Caruso",     "Ferrara",       "Galli",       "Martini",      "Leone",
    "Longo",          "Gentile",    "Martinelli",    "Vitale",      "Lombardo",     "Serra",
    "Coppola",        "De Santis",  "D'Angelo",      "Marchetti",   "Parisi",       "Villa",
    "Conte",          "Ferraro",    "Ferri",         "Fabbri",      "Bianco",       "Marini",
    "Grasso",         "Valentini",  "Messina",       "Sala",        "De Angelis",   "Gatti",
    "Pellegrini",     "Palumbo",    "Sanna",         "Farina",      "Rizzi",        "Monti",
    "Cattaneo",       "Morelli",    "Amato",         "Silvestri",   "Mazza",        "Testa",
    "Grassi",         "Pellegrino", "Carbone",       "Giuliani",    "Benedetti",    "Barone",
    "Rossetti",       "Caputo",     "Montanari",     "Guerra",      "Palmieri",     "Bernardi",
    "Martino",        "Fiore",      "De Rosa",       "Ferretti",    "Bellini",      "Basile",
    "Riva",           "Donati",     "Piras",         "Vitali",      "Battaglia",    "Sartori",
    "Neri",           "Costantini", "Milani",        "Pagano",      "Ruggiero",     "Sorrentino",
    "D'Amico",        "Orlando",    "Negri",         "Mele",        "Bertini",      "Nardi",
    "Lazzerini",      "Giannini",   "Barsotti",      "Bacci",       "Cecchi",       "Pardini",
    "Paoli",          "Lenzi",      "Masoni",        "Taccola",     "Ceccarelli",   "Gori",
    "Landucci",       "Puccinelli", "Giusti",        "Lupi",        "Mannucci",     "Caponi",
    "Bernardini",     "Tognetti",   "Baldacci",      "Niccolai",    "Bracaloni",    "Guidi",
    "Bartalini",      "Ciampi",     "Fantozzi",      "Frosini",     "Del Seppia",   "Lorenzini",
    "Poli",           "Pucci",      "Salvadori",     "Simoncini",   "Tamberi",      "Vannucci",
    "Batini",         "Favilli",    "Fanucchi",      "Gronchi",     "Ghelardi",     "Cei",
    "Meini",          "Bani",       "Carmignani",    "Lischi",      "Matteoli",     "Orsini",
    "Pieroni",        "Quilici",    "Romboli",       "Scarpellini", "Sbrana",       "Ghimenti",
    "Filippi",        "Giuntini",   "Dell'Omodarme", "Dal Canto",   "Del Punta",    "Della Santina",
    "Dell'Innocenti", "Cantù",      "Lucà",          "Bernabò",     "D'Alessandro", "D'Agostino",
    "Dall'Olio",      "D'Antoni",   "Lo Russo",      "Di Stefano",  "Di Paco",      "Lo Presti",
    "Cosci",          "Bertelli",   "Brogi",         "Buti",        "Calvani",      "Cappelli",
    "Catastini",      "Cerri",      "Checchi",       "Cioni",       "Consani",      "Corsini",
    "Dini",           "Doveri",     "Fagioli",       "Falaschi",    "Fiaschi",      "Franchi",
    "Gambini",        "Gasperini",  "Gelli",         "Ghezzani",    "Giovannetti",  "Grossi",
    "Innocenti",      "Lami",       "Lenci",         "Lucchesi",    "Luperini",     "Maccanti",
    "Macchi",         "Maestrini",  "Malasoma",      "Manetti",     "Marconcini",   "Martelli",
    "Mazzei",         "Menichetti", "Migliorini",    "Moscardini",  "Nannipieri",   "Nuti",
    "Orlandi",        "Pagni",      "Panicucci",     "Parenti",     "Pasquinelli",  "Pellegrinetti",
    "Petri",          "Pratali",    "Profeti",       "Raffaelli",   "Ricotta",      "Rocchi",
    "Rosellini",      "Sabatini",   "Santini",       "Sassetti",    "Scali",        "Scatena",
    "Senesi",         "Sereni",     "Simonetti",     "Sodini",      "Spinelli",     "Stefanini",
    "Taddei",         "Tani",       "Tinghi",        "Toni",        "Turini",       "Ulivieri",
    "Vaglini",        "Vanni",      "Venturi",       "Volpi",       "Zucchelli",    "Ballerini",
    "Bandini",        "Barachini",  "Bargagna",      "Bellucci",    "Benvenuti",    "Bertolucci",
    "Betti",          "Bibbiani",   "Bonsignori",    "Borghini",    "Cammellini",   "Caturegli",
    "Ciurli",         "Del Chiaro", "Fontanelli",    "Lazzeri",     "Mori",         "Pistolesi",
    "Rindi",          "Salvini",    "Tellini",       "Vestri",      "Zanobini",     "Agostini",
    "Baldini",        "Bartoli",    "Bellandi",      "Biagi",       "Boschi",       "Bracci",
    "Cappellini",     "Carli",      "Casini",        "Cavallini",   "Cecconi",      "Ciardi",
    "Del Bravo",      "Di Puccio",  "Fantoni",       "Fedi",        "Fiorentini",   "Frediani",
    "Gabbrielli",     "Gazzarri",   "Giampieri",     "Lotti",       "Marianelli",   "Mazzoni",
    "Nencini",        "Papini",     "Pinori",        "Puccini",     "Rosi",         "Sardelli",
    "Tarchi",         "Tonelli",    "Vannini",       "Vivaldi",     "Zini",         "Fabbrini",
    "Pannocchia",     "Ceccotti",   "Giovannini",
};

static const char *const demo_azRoFemale[] = {
    "Maria",   "Elena",      "Ioana",  "Andreea", "Mihaela", "Cristina", "Alina",    "Gabriela",
    "Daniela", "Florentina", "Simona", "Larisa",  "Roxana",  "Nicoleta", "Loredana", "Ana",
};
static const char *const demo_azRoMale[] = {
    "Ion",    "Andrei", "Mihai", "Gheorghe", "Constantin", "Alexandru", "Vasile",   "Florin",
    "Marius", "Adrian", "Ionuț", "Cătălin",  "Ștefan",     "Bogdan",    "Cristian", "Dumitru",
};
static const char *const demo_azRoSurname[] = {
    "Popescu",  "Ionescu", "Popa", "Pop",     "Radu",  "Dumitrescu", "Stoica", "Stan",  "Munteanu",
    "Moldovan", "Lungu",   "Rusu", "Ciobanu", "Ceban", "Țurcanu",    "Bălan",  "Marin", "Tudor",
};

static const char *const demo_azAlFemale[] = {
    "Elona",  "Anila",  "Mirela", "Blerina", "Arjola",  "Valbona", "Klodiana",
    "Ermira", "Jonida", "Entela", "Fatjona", "Lindita", "Dorina",  "Eriselda",
};
static const char *const demo_azAlMale[] = {
    "Arben", "Ilir",   "Gentian", "Kujtim", "Besnik", "Artan",  "Fatmir",
    "Erion", "Dritan", "Klodian", "Sokol",  "Agron",  "Flamur", "Ervin",
};
static const char *const demo_azAlSurname[] = {
    "Hoxha", "Shehu", "Leka",  "Gjoka", "Prifti", "Dervishi", "Kola", "Çela",
    "Hysa",  "Basha", "Marku", "Rama",  "Duka",   "Laçi",     "Mema", "Gjini",
};

/* Morocco, Tunisia, Egypt. */
static const char *const demo_azArFemale[] = {
    "Fatima", "Khadija", "Amina", "Nadia", "Samira", "Malika", "Naima",
    "Hanane", "Leila",   "Salma", "Imane", "Zineb",  "Souad",  "Meriem",
};
static const char *const demo_azArMale[] = {
    "Mohamed", "Ahmed", "Youssef", "Rachid", "Said",  "Abdelkader", "Mustapha",
    "Hassan",  "Karim", "Omar",    "Hamza",  "Mehdi", "Khalid",     "Brahim",
};
static const char *const demo_azArSurname[] = {
    "El Amrani", "Benali",   "Bouazza",   "El Idrissi", "Haddad", "Ouali",
    "Tahiri",    "Belkacem", "Ben Salah", "Trabelsi",   "Jebali", "Mansouri",
    "Chaouki",   "Ait Ali",  "El Fassi",  "Benjelloun",
};

static const char *const demo_azSnFemale[] = {
    "Fatou",  "Awa",   "Aminata", "Mariama", "Ndeye",    "Khady",
    "Coumba", "Adama", "Astou",   "Sokhna",  "Dieynaba", "Rokhaya",
};
static const char *const demo_azSnMale[] = {
    "Mamadou", "Moussa",  "Ibrahima", "Cheikh", "Modou",   "Abdoulaye",
    "Ousmane", "Babacar", "Serigne",  "Pape",   "Alioune", "Mbaye",
};
static const char *const demo_azSnSurname[] = {
    "Diop", "Ndiaye", "Fall",  "Sow", "Diallo", "Gueye", "Faye",  "Sarr",
    "Seck", "Cissé",  "Thiam", "Ba",  "Sy",     "Niang", "Diouf", "Mbengue",
};

static const char *const demo_azNgFemale[] = {
    "Blessing", "Joy",    "Precious", "Chioma", "Ngozi", "Favour",
    "Grace",    "Esther", "Patience", "Osas",   "Gift",  "Adaeze",
};
static const char *const demo_azNgMale[] = {
    "Emmanuel", "Samuel",   "Godwin", "Chukwuemeka", "Osagie", "Friday",
    "Sunday",   "Kingsley", "Daniel", "Ikechukwu",   "Tunde",  "Prince",
};
static const char *const demo_azNgSurname[] = {
    "Okafor", "Okonkwo", "Eze",   "Igbinedion", "Adeyemi", "Omoregie", "Ogunleye",
    "Nwosu",  "Obi",     "Edosa", "Uwaifo",     "Akpan",   "Ibrahim",  "Osaghae",
};

static const char *const demo_azUaFemale[] = {
    "Olena",  "Oksana",   "Nataliia", "Iryna", "Svitlana", "Tetiana",
    "Halyna", "Liudmyla", "Yuliia",   "Olha",  "Mariia",   "Larysa",
};
static const char *const demo_azUaMale[] = {
    "Oleksandr", "Serhii", "Andrii", "Volodymyr", "Mykola", "Ivan",
    "Vasyl",     "Yurii",  "Dmytro", "Petro",     "Oleh",   "Viktor",
};
static const char *const demo_azUaSurname[] = {
    "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko",  "Kravchenko", "Melnyk",    "Boiko",
    "Kovalchuk", "Oliinyk",    "Shevchuk",   "Polishchuk", "Lysenko",    "Savchenko", "Moroz",
};

static const char *const demo_azGeFemale[] = {
    "Nino", "Tamar", "Ketevan", "Maia", "Nana", "Manana",
    "Eka",  "Lela",  "Natia",   "Tea",  "Irma", "Marina",
};
static const char *const demo_azGeMale[] = {
    "Giorgi", "Davit", "Levan",  "Irakli", "Zurab",    "Nika",
    "Lasha",  "Gela",  "Mamuka", "Tamaz",  "Vakhtang", "Shota",
};
static const char *const demo_azGeSurname[] = {
    "Beridze",   "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze",    "Lomidze",   "Tsiklauri",
    "Bolkvadze", "Nozadze",   "Abashidze",  "Chikovani",  "Khutsishvili", "Japaridze",
};

/* Peru, Ecuador, Dominican Republic. */
static const char *const demo_azEsFemale[] = {
    "María",  "Rosa",     "Carmen",    "Ana",   "Luz",      "Milagros", "Yolanda",
    "Gladys", "Patricia", "Elizabeth", "Juana", "Verónica", "Yesenia",  "Mercedes",
};
static const char *const demo_azEsMale[] = {
    "José",  "Juan",  "Luis",  "Carlos", "Jorge", "Miguel", "Víctor",
    "César", "Julio", "Pedro", "Wilmer", "Jhon",  "Edwin",  "Ricardo",
};
static const char *const demo_azEsSurname[] = {
    "Quispe",  "Flores", "Rodríguez", "García",  "Huamán", "Mamani",    "Rojas",    "Sánchez",
    "Ramírez", "Torres", "Vargas",    "Mendoza", "Chávez", "Gutiérrez", "Castillo", "Pérez",
};

static const char *const demo_azPhFemale[] = {
    "Marites", "Rowena",  "Maricel",  "Jocelyn",    "Lorna",  "Analyn",
    "Rosalie", "Marilou", "Jennifer", "Mary Grace", "Cherry", "Divina",
};
static const char *const demo_azPhMale[] = {
    "Jose",  "Rodel",  "Reynaldo", "Jun",     "Romeo",        "Ronaldo",
    "Arnel", "Danilo", "Eduardo",  "Jericho", "Mark Anthony", "Rolando",
};
static const char *const demo_azPhSurname[] = {
    "Santos",    "Reyes",      "Cruz",   "Bautista", "Ocampo", "Garcia", "Mendoza",
    "Dela Cruz", "Villanueva", "Aquino", "Ramos",    "Manalo", "Castro", "Pascual",
};

static const char *const demo_azCnFemale[] = {
    "Li", "Mei", "Xiaoli", "Hong", "Yan", "Jing", "Ying", "Lili", "Fang", "Xiu", "Juan", "Lan",
};
static const char *const demo_azCnMale[] = {
    "Wei", "Jian", "Jun", "Ming", "Hao", "Lei", "Qiang", "Yong", "Bin", "Tao", "Jie", "Chao",
};
static const char *const demo_azCnSurname[] = {
    "Hu", "Chen", "Wang",  "Zhang", "Lin", "Zhou", "Huang",
    "Wu", "Ye",   "Zheng", "Xu",    "Jin", "Pan",  "Li",
};

/* Bangladesh, Pakistan. */
static const char *const demo_azBdFemale[] = {
    "Fatema", "Nasrin", "Sultana", "Rokeya",  "Shahnaz", "Ayesha",
    "Rahima", "Nazma",  "Farzana", "Parveen", "Rubina",  "Shirin",
};
static const char *const demo_azBdMale[] = {
    "Mohammad", "Abdul", "Mizanur", "Kamal",  "Jahangir", "Shahid",
    "Imran",    "Asif",  "Tariq",   "Rashid", "Faisal",   "Sohel",
};
static const char *const demo_azBdSurname[] = {
    "Rahman", "Hossain", "Islam",     "Ahmed", "Uddin",   "Miah",  "Khan",
    "Akter",  "Begum",   "Chowdhury", "Ali",   "Hussain", "Iqbal", "Shah",
};

static const char *const demo_azLkFemale[] = {
    "Nadeesha", "Dilani", "Chamari",  "Sandya",  "Kumari",
    "Nirosha",  "Anoma",  "Priyanka", "Shiromi", "Malani",
};
static const char *const demo_azLkMale[] = {
    "Nimal",   "Sunil", "Chaminda", "Ruwan",    "Kasun",
    "Pradeep", "Nuwan", "Saman",    "Lasantha", "Mahinda",
};
static const char *const demo_azLkSurname[] = {
    "Perera",         "Fernando", "De Silva",    "Jayasinghe",  "Bandara",
    "Wickramasinghe", "Kumara",   "Dissanayake", "Gunawardena", "Senanayake",
};

static const char *const demo_azBrFemale[] = {
    "Ana",   "Juliana", "Fernanda", "Adriana", "Patrícia",
    "Aline", "Camila",  "Luciana",  "Vanessa", "Cláudia",
};
static const char *const demo_azBrMale[] = {
    "João", "Paulo", "Marcos", "Rafael", "Thiago", "Lucas", "Rodrigo", "Fábio", "André", "Gustavo",
};
static const char *const demo_azBrSurname[] = {
    "Silva", "Santos",   "Oliveira", "Souza",    "Pereira",
    "Costa", "Ferreira", "Almeida",  "Carvalho", "Gomes",
};

const DemoNamePool demo_aPool[] = {
    [POOL_IT] = DEMO_POOL(demo_azItFemale, demo_azItMale, demo_azItSurname),
    [POOL_RO] = DEMO_POOL(demo_azRoFemale, demo_azRoMale, demo_azRoSurname),
    [POOL_AL] = DEMO_POOL(demo_azAlFemale, demo_azAlMale, demo_azAlSurname),
    [POOL_AR] = DEMO_POOL(demo_azArFemale, demo_azArMale, demo_azArSurname),
    [POOL_SN] = DEMO_POOL(demo_azSnFemale, demo_azSnMale, demo_azSnSurname),
    [POOL_NG] = DEMO_POOL(demo_azNgFemale, demo_azNgMale, demo_azNgSurname),
    [POOL_UA] = DEMO_POOL(demo_azUaFemale, demo_azUaMale, demo_azUaSurname),
    [POOL_GE] = DEMO_POOL(demo_azGeFemale, demo_azGeMale, demo_azGeSurname),
    [POOL_ES] = DEMO_POOL(demo_azEsFemale, demo_azEsMale, demo_azEsSurname),
    [POOL_PH] = DEMO_POOL(demo_azPhFemale, demo_azPhMale, demo_azPhSurname),
    [POOL_CN] = DEMO_POOL(demo_azCnFemale, demo_azCnMale, demo_azCnSurname),
    [POOL_BD] = DEMO_POOL(demo_azBdFemale, demo_azBdMale, demo_azBdSurname),
    [POOL_LK] = DEMO_POOL(demo_azLkFemale, demo_azLkMale, demo_azLkSurname),
    [POOL_BR] = DEMO_POOL(demo_azBrFemale, demo_azBrMale, demo_azBrSurname),
};

