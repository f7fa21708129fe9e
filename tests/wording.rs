//! Real wording the word, phrase and pronoun rules must catch (issue 8, section 3), and the
//! look-alikes they must leave alone. Cases are data: the input, then the rule and the exact
//! text of the finding (`text == source[span]`); silent cases list inputs that must give no
//! finding from the wording rules at all.

use biasvask::{Engine, Format, Options, Rule, Severity};

fn engine() -> Engine {
    Engine::new().expect("the built-in lexicons load")
}

/// The wording rules (everything but the ad-level ones).
fn findings(e: &Engine, src: &str, format: Format) -> Vec<(Rule, String, Vec<String>)> {
    e.lint(src, format, &Options::default())
        .diagnostics
        .into_iter()
        .filter(|d| !d.rule.is_ad_level())
        .map(|d| {
            assert!(d.span.start <= d.span.end);
            (d.rule, src[d.span.range()].to_string(), d.suggestions)
        })
        .collect()
}

/// `(input, rule, exact text)`: the input must give a finding of that rule with that text.
fn check_flags(cases: &[(&str, Rule, &str)], format: Format) {
    let e = engine();
    let mut bad = Vec::new();
    for &(src, rule, text) in cases {
        let f = findings(&e, src, format);
        if !f.iter().any(|(r, t, _)| *r == rule && t == text) {
            bad.push(format!("«{src}»: want {rule} «{text}», got {f:?}"));
        }
    }
    assert!(bad.is_empty(), "{} missed:\n{}", bad.len(), bad.join("\n"));
}

/// Inputs that must give no finding of the gendered/preference/pronoun rules (coded trait
/// words at info are allowed unless `strict`).
fn check_silent(cases: &[&str], format: Format) {
    let e = engine();
    let mut bad = Vec::new();
    for &src in cases {
        let f: Vec<_> = findings(&e, src, format)
            .into_iter()
            .filter(|(r, _, _)| !matches!(r, Rule::MasculineCoded | Rule::FeminineCoded))
            .collect();
        if !f.is_empty() {
            bad.push(format!("«{src}»: {f:?}"));
        }
    }
    assert!(bad.is_empty(), "{} flagged:\n{}", bad.len(), bad.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// 1. Generic han/hun in descriptive present tense about the future employee.

#[test]
fn age_limits_after_the_person_sought_and_decades_of_life() {
    use Rule::AgePreference as A;
    check_flags_at(
        &[
            (
                "Vi søger en sælger over 18 år.",
                A,
                Severity::Info,
                "over 18 år",
            ),
            (
                "Vi søger medarbejdere på minimum 18 år.",
                A,
                Severity::Info,
                "minimum 18 år",
            ),
            (
                "Vi søger en chauffør, der er mindst 25 år.",
                A,
                Severity::Error,
                "søger en chauffør, der er mindst 25 år",
            ),
            (
                "Vi ser gerne, at du er i 30'erne.",
                A,
                Severity::Error,
                "du er i 30'erne",
            ),
            (
                "Vi søger en kollega i 20'erne.",
                A,
                Severity::Error,
                "kollega i 20'erne",
            ),
            (
                "Du er i trediverne.",
                A,
                Severity::Error,
                "Du er i trediverne",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Virksomheden blev grundlagt i 70'erne.",
            "Vi har over 18 år på markedet.",
            "Vi har eksisteret i over 18 år.",
            "Vi søger en pædagog til børn, der er under 6 år.",
            "Vi søger en sygeplejerske til borgere, som er over 65 år.",
            "Vi søger en tømrer, der har mindst 5 års erfaring.",
            "Du er i 30 minutter om dagen på lageret.",
        ],
        Format::Text,
    );
}

#[test]
fn generic_object_pronoun_after_the_person_sought() {
    use Rule::GenericPronoun as P;
    check_flags(
        &[
            (
                "Vi søger en ny tømrer. Vi glæder os til at møde ham.",
                P,
                "ham",
            ),
            ("Vi søger en sælger. Vi giver hende en mentor.", P, "hende"),
            (
                "Vi søger en lagerarbejder, og vi tilbyder ham en god løn.",
                P,
                "ham",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            // someone else is named in between: the pronoun is about them
            "Vi søger en afløser for vores kok, Peter. Vi vil savne ham.",
            "Vi søger en hjælper til vores borger. Du skal støtte ham i hverdagen.",
            "Vi søger en hjælper. Kontakt Inge-Lise og spørg hende.",
            // no one sought before it
            "Vores direktør glæder sig. Du kan ringe til ham.",
        ],
        Format::Text,
    );
}

#[test]
fn generic_pronoun_in_descriptive_present() {
    use Rule::GenericPronoun as P;
    check_flags(
        &[
            ("Vi søger en sælger. Han er udadvendt og positiv.", P, "Han"),
            ("Vi søger en sælger. Han har kørekort B.", P, "Han"),
            ("Vi søger en sælger til Aarhus. Han er udadvendt.", P, "Han"),
            (
                "Vi søger en ny kollega til vores team. Hun er glad for mennesker.",
                P,
                "Hun",
            ),
            ("Hun refererer til direktøren.", P, "Hun"),
            // the people served named after the pronoun are not who it is
            (
                "Vi søger en hjemmehjælper. Hun skal kunne tale med både borgere og pårørende.",
                P,
                "Hun",
            ),
            (
                "Vi søger en pædagog. Han er god til at lege med drenge og piger.",
                P,
                "Han",
            ),
            (
                "Vi søger en ny kok. Hun er uddannet og har erfaring fra et travlt køkken.",
                P,
                "Hun",
            ),
            (
                "Vi søger en chauffør. Han er mødestabil, og han har et godt humør.",
                P,
                "Han",
            ),
            (
                "Vores nye medarbejder er struktureret. Hun trives med mange bolde i luften.",
                P,
                "Hun",
            ),
            (
                "Den rette kandidat er udadvendt. Han elsker at tale med kunder.",
                P,
                "Han",
            ),
            (
                "Vi søger en lagerarbejder. Hans arbejdsdag starter kl. 6.",
                P,
                "Hans",
            ),
            ("Vi søger en sælger. Han/hun er udadvendt.", P, "Han/hun"),
            (
                "Vi søger en sælger. Han eller hun har kørekort.",
                P,
                "Han eller hun",
            ),
        ],
        Format::Text,
    );
}

#[test]
fn pronouns_about_others_stay_silent() {
    check_silent(
        &[
            // named contact persons
            "Kontakt Hans Jensen. Han træffes på tlf. 12 34 56 78.",
            "Vil du vide mere, så ring til Inge-Lise Holm. Hun er teamleder.",
            "Afdelingen ledes af Dorthe Lauridsen. Hun har været her i 12 år.",
            // past-tense narrative about a former employee
            "Vores gamle kollega gik på pension i foråret. Han var her i 30 år.",
            "Da hun stoppede, overtog vi hendes kunder.",
            // quotes
            "»Han er den bedste kollega,« siger en medarbejder.",
            // someone other than the applicant, named by role
            "Du refererer til afdelingslederen. Hun har ansvaret for budgettet.",
            "Du får en fast mentor. Han hjælper dig godt i gang.",
            "Vores direktør har stiftet firmaet. Han er stadig aktiv i den daglige drift.",
            "Mød din nye kollega Mette. Hun er uddannet kok.",
            "Butikken ejes af Jens. Han er uddannet bager.",
            "Du skal samarbejde med vores kok. Han er uddannet i Frankrig.",
            "Når du starter, får du en makker. Han viser dig rundt.",
            "Vores nye direktør hedder Ole. Han starter 1. maj.",
            "Vi har en hund på kontoret. Han hedder Bobby.",
            // Hans as a name
            "Skriv til Hans på mail.",
            // the person the job serves, named by sex or as "borgeren" (real BPA and
            // social-care listings)
            "Vikarvagt\nHun er en udviklingshæmmet kvinde på 64 år fra Albertslund.",
            "Vi arbejder i et mandsteam om en 57-årig mandlig autist, han har brug for faste rammer. Han er en frisk, glad og nysgerrig mand. Han kan være stressfølsom.",
            "Du hjælper borgeren med indkøb. Hun har brug for ro.",
            // the writer describing themselves
            "Jeg er en 27-årig frisk ung mand, som søger en handicaphjælper til min BPA-ordning.",
        ],
        Format::Text,
    );
}

/// A pronoun whose nearest antecedent is someone already at the workplace, named by role («vores
/// direktør», «afdelingslederen», «din nærmeste leder», a mentor), is about that person even when its
/// sentence has a modal or future verb («forventer», «vil», «skal»): those verbs tell what that person
/// does, not what the job asks. Found sweeping Jobindex-style listings (2026-12-03): «Du refererer til
/// vores direktør, og han forventer ...» was a warning. The applicant named just before still counts.
#[test]
fn pronoun_about_a_colleague_named_by_role_with_a_job_verb() {
    use Rule::GenericPronoun as P;
    check_silent(
        &[
            "Du refererer til vores direktør, og han forventer, at du kan arbejde selvstændigt.",
            "Du refererer til afdelingslederen. Hun vil introducere dig til opgaverne.",
            "Du får en fast mentor, og hun vil vise dig rundt de første uger.",
            "Du får din nærmeste leder som sparringspartner, og han skal godkende dine planer.",
            "Vores nuværende sekretær går på pension, og hun kan lære dig systemerne.",
        ],
        Format::Text,
    );
    check_flags(
        &[
            (
                "Vi søger en ny leder til vores afdeling. Han skal have erfaring med personaleledelse.",
                P,
                "Han",
            ),
            (
                "Vi søger en ny SOSU-assistent. Hun skal kunne arbejde selvstændigt.",
                P,
                "Hun",
            ),
            (
                "Vi søger en afdelingsleder. Hun vil få ansvar for 20 medarbejdere.",
                P,
                "Hun",
            ),
            (
                "Den nye medarbejder refererer til direktøren. Kandidaten skal være struktureret, og han skal kunne arbejde selvstændigt.",
                P,
                "han",
            ),
        ],
        Format::Text,
    );
}

/// A sentence that names both sexes states the make-up of the staff, not a generic marking of one:
/// «Vi er 5 mandlige og 3 kvindelige medarbejdere» flagged «kvindelige medarbejdere» (found sweeping
/// Jobindex-style listings, 2026-12-03). One sex alone is still flagged.
#[test]
fn both_sexes_named_state_the_staff_not_a_generic_marking() {
    use Rule::GenderedPhrase as P;
    check_silent(
        &[
            "Vi er 5 mandlige og 3 kvindelige medarbejdere i afdelingen.",
            "Du får både kvindelige og mandlige kolleger.",
            "Vores kvindelige og mandlige kolleger glæder sig til at møde dig.",
            "Klinikken har en mandlig og en kvindelig læge.",
        ],
        Format::Text,
    );
    check_flags(
        &[
            (
                "Du bliver en del af vores kvindelige ledere.",
                P,
                "kvindelige ledere",
            ),
            ("Du får mange mandlige kolleger.", P, "mandlige kolleger"),
            ("Klinikken har en kvindelig læge.", P, "en kvindelig læge"),
            (
                "Du skal samarbejde med en mandlig pædagog.",
                P,
                "en mandlig pædagog",
            ),
        ],
        Format::Text,
    );
}

/// The age of the people a job serves is no limit on the applicant: «Tilbuddet er for voksne over 18
/// år med autisme» was an info (sweep of social-care wording, 2026-12-03). The lawful limits about the
/// applicant stay info. A miss of the same sweep: the age as an adjective right after «søger en»
/// («Vi søger en 30-årig tømrer», «en 25-35 årig medarbejder») is an error like the other stated ages.
/// The fully hyphenated range «25-35-årig» is one token ending in «-årig», matched from its start.
#[test]
fn ages_of_the_people_served_and_the_age_adjective_after_soeger() {
    use Rule::AgePreference as A;
    check_silent(
        &[
            "Tilbuddet er for voksne over 18 år med autisme.",
            "Botilbuddet har 12 beboere over 18 år.",
            "Du skal passe børn under 15 år i vores fritidsklub.",
            "Vi søger en hjælper til en 24-årig kvinde med spasticitet.",
            "Vi søger en 2-årig elev til kontoret.",
            "Vi søger en mangeårig samarbejdspartner.",
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            (
                "Du skal være over 18 år af hensyn til salg af alkohol.",
                A,
                Severity::Info,
                "Du skal være over 18 år",
            ),
            (
                "Er du under 18 år, gælder særlige regler.",
                A,
                Severity::Info,
                "under 18 år",
            ),
            (
                "Vi søger en 25-35 årig medarbejder til lageret.",
                A,
                Severity::Error,
                "søger en 25-35 årig",
            ),
            (
                "Vi ansætter en 30-årig tømrer.",
                A,
                Severity::Error,
                "ansætter en 30-årig",
            ),
            (
                "Vi søger en 25-35-årig medarbejder til lageret.",
                A,
                Severity::Error,
                "søger en 25-35-årig",
            ),
        ],
        Format::Text,
    );
}

/// «købmandskab» (commercial skill: købmand + -skab) ends in «mandskab» but is not the crew word;
/// two of 89 real Danish listings (NW.WIDJobs language samples: a shipping firm and a retail chain)
/// praised «købmandskab». Compounds of «mandskab» itself stay flagged.
#[test]
fn koebmandskab_is_not_mandskab() {
    use Rule::GenderedTerm as G;
    check_silent(
        &[
            "Hos os tror vi på, at kundefokus, teamwork og købmandskab er vigtige for succes.",
            "Vi når vores mål ved at fokusere på dygtigt købmandskab.",
            "Købmandskabet sidder i rygraden hos os.",
            "Du har sans for godt købmandskabs principper.",
        ],
        Format::Text,
    );
    check_flags(
        &[
            (
                "Redningsmandskabet rykker ud døgnet rundt.",
                G,
                "Redningsmandskabet",
            ),
            ("Vi mangler skibsmandskab til sommeren.", G, "skibsmandskab"),
            ("Du får ansvar for mandskabet på pladsen.", G, "mandskabet"),
        ],
        Format::Text,
    );
}

/// A wish or a liking ("vil gerne", "kan godt lide") says what someone wants, not what the job
/// asks: with no one sought just before, the pronoun is about the person the job serves (a real
/// Jobindex care listing: «Vikarvagt / Måske vil hun gerne handle efterfølgende.»). Right after the
/// person sought, and with a job cue of its own, it is still the applicant.
#[test]
fn pronoun_with_a_wish_is_about_the_person_served() {
    use Rule::GenericPronoun as P;
    check_silent(
        &[
            "Vikarvagt\nMåske vil hun gerne handle efterfølgende.",
            "Du skal hjælpe med indkøb. Måske vil han gerne gå en tur bagefter.",
            "Du skal støtte i hverdagen. Hun kan godt lide at gå ture og høre musik.",
            "Hun vil helst have hjælp om morgenen.",
            "Du hjælper med madlavning. Han kunne godt lide at bage.",
        ],
        Format::Text,
    );
    check_flags(
        &[
            (
                "Vi søger en ny tømrer. Han vil gerne arbejde selvstændigt.",
                P,
                "Han",
            ),
            (
                "Vi søger en ny kollega. Hun kan godt lide at have travlt.",
                P,
                "Hun",
            ),
            ("Han vil få ansvar for lageret.", P, "Han"),
            ("Hun skal kunne lide at arbejde med mennesker.", P, "Hun"),
            (
                "Han vil gerne have kørekort, og han skal kunne løfte.",
                P,
                "han",
            ),
            (
                "Den rette kandidat er udadvendt. Han elsker at tale med kunder.",
                P,
                "Han",
            ),
        ],
        Format::Text,
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Sex and age preference with words in between.

#[test]
fn preferences_with_words_in_between() {
    use Rule::{AgePreference as A, SexPreference as S};
    check_flags(
        &[
            (
                "Vi søger tre stærke og pålidelige mænd til flytteopgaver.",
                S,
                "søger tre stærke og pålidelige mænd",
            ),
            (
                "Vi søger en erfaren kvindelig pædagog til vuggestuen.",
                S,
                "søger en erfaren kvindelig pædagog",
            ),
            (
                "Vi søger en ung, udadvendt og positiv kollega.",
                A,
                "ung, udadvendt og positiv kollega",
            ),
            (
                "Du er mødestabil og bør være mellem 20 og 45 år.",
                A,
                "bør være mellem 20 og 45 år",
            ),
            (
                "Ansøgere skal være mellem 25 og 40 år.",
                A,
                "Ansøgere skal være mellem 25 og 40 år",
            ),
            (
                "Vi søger en tømrer. Man bør helst være mellem 30 og 40 år.",
                A,
                "bør helst være mellem 30 og 40 år",
            ),
            ("Du skal være max. 35 år.", A, "Du skal være max. 35 år"),
            (
                "Vi søger 2 unge, stærke mænd.",
                S,
                "søger 2 unge, stærke mænd",
            ),
            (
                "Vi søger et ungt, dynamisk og ambitiøst team.",
                A,
                "ungt, dynamisk og ambitiøst team",
            ),
            (
                "Krav:\n- Kørekort B\n- Mindst 25 år gammel\n",
                A,
                "Mindst 25 år gammel",
            ),
            (
                "Du er:\n- mødestabil\n- min. 30 år\n- i besiddelse af kørekort",
                A,
                "min. 30 år",
            ),
            ("Vi forventer:\n• Kørekort B\n• Max 35 år\n", A, "Max 35 år"),
            ("Vi søger en yngre dame til vores butik.", A, "yngre dame"),
            (
                "Vi søger en yngre dame til vores butik.",
                S,
                "søger en yngre dame",
            ),
            (
                "Vi søger en frisk og glad ung mand til lageret.",
                S,
                "søger en frisk og glad ung mand",
            ),
            (
                "Vi søger 2 friske mænd til lageret.",
                S,
                "søger 2 friske mænd",
            ),
            // Lawful under the young-worker rules, but an age limit all the same: info.
            (
                "Nota søger snarest en udadvendt ungarbejder til kontaktcenteret.",
                A,
                "ungarbejder",
            ),
            ("Ungarbejderjob i Vejle", A, "Ungarbejderjob"),
        ],
        Format::Text,
    );
}

#[test]
fn lawful_and_unrelated_numbers_stay_silent() {
    check_silent(
        &[
            "Vi opfordrer især kvinder til at søge stillingen.",
            "Vi opfordrer især mænd til at søge, da vi ønsker en mere ligelig fordeling.",
            "Du har mindst 3 års erfaring med regnskab.",
            "Vi har været over 20 år på markedet.",
            "Firmaet er 45 år gammelt og har 30 ansatte.",
            "Vi har 40 børn i alderen 3-6 år.",
            "Du er:\n- uddannet pædagog\n- glad for børn i alderen 0-3 år",
            "Du har:\n- min. 3 års erfaring\n- kørekort B",
            "Vi fejrer 25 år i år.",
            // An age as a pay rule of the agreement, seen in a real municipal ad.
            "Du får elevløn, hvis du er under 25 år, og voksenelevløn, hvis du er over 25 år.",
            "Vi søger en erfaren og pålidelig kollega.",
            "Stillingen er på 30 timer om ugen.",
            "Vi søger en erfaren sygeplejerske til afdelingen.",
            "Vi har mange unge og ældre kunder.",
            "Vi søger en medarbejder til at hjælpe mænd og kvinder med jobsøgning.",
            "Vi søger en kollega, der vil arbejde med mænd i krise.",
            "Vi arbejder med unge, forældre og lærere.",
            "Vi er en ung og voksende virksomhed med dygtige medarbejdere.",
            "Erfaring:\n- min. 2 år\n- gerne fra detailhandlen",
            "Projektet skal være mellem 2 og 3 år langt.",
            "Du skal være klar til at tage ansvar for 20 mænd på holdet.",
            "Vi søger en dygtig og erfaren tømrer.",
            "Vi ønsker lige mange kvinder og mænd i teamet.",
            "Vi ønsker en ligelig fordeling af kvinder og mænd.",
            "Vi mangler stadig kvindelige ansøgere og opfordrer dem til at søge.",
            "Vi søger en kollega, som kan hjælpe mænd i krise.",
            "Vi mangler 2 timer om ugen til at hjælpe kvinder med lektier.",
        ],
        Format::Text,
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Gendered person nouns as unlisted and split compounds.

#[test]
fn productive_heads_and_split_compounds() {
    use Rule::GenderedTerm as G;
    check_flags(
        &[
            (
                "Vi søger serveringspiger til weekenden.",
                G,
                "serveringspiger",
            ),
            ("Kantine damer søges til frokosten.", G, "Kantine damer"),
            ("Vi mangler en opvaskedreng.", G, "opvaskedreng"),
            ("Vi søger en ispige til sommeren.", G, "ispige"),
            ("Vi søger en Kantine-dame.", G, "Kantine-dame"),
            ("Avisdrengene møder kl. 5.", G, "Avisdrengene"),
            (
                "Rengøringskonerne har fri i weekenden.",
                G,
                "Rengøringskonerne",
            ),
            ("Vi søger en kaffejomfru.", G, "kaffejomfru"),
            ("Vi søger en ny lagerfyr.", G, "lagerfyr"),
            ("Vi søger en piccoline til receptionen.", G, "piccoline"),
            ("Vi søger en handyman til ejendommen.", G, "handyman"),
            ("Vi søger en montagemand.", G, "montagemand"),
            ("Skovmand søges til kommunens parker.", G, "Skovmand"),
            ("Vi søger en SERVERINGSPIGE.", G, "SERVERINGSPIGE"),
            ("Vi søger en lagermand og en Lager mand.", G, "Lager mand"),
        ],
        Format::Text,
    );
}

#[test]
fn split_titles_are_titles_not_preferences() {
    let e = engine();
    for (src, text, sugg) in [
        (
            "Vi søger en service mand.",
            "service mand",
            "servicetekniker",
        ),
        (
            "Vi søger en Rengørings-dame.",
            "Rengørings-dame",
            "Rengøringsassistent",
        ),
        (
            "Vi søger en faglært VVS mand.",
            "VVS mand",
            "VVS-medarbejder",
        ),
        (
            "Vi søger en ny og frisk kantine dame.",
            "kantine dame",
            "kantinemedarbejder",
        ),
    ] {
        let f = findings(&e, src, Format::Text);
        assert!(
            f.iter()
                .any(|(r, t, s)| *r == Rule::GenderedTerm && t == text && s[0] == sugg),
            "{src}: {f:?}"
        );
        assert!(
            !f.iter().any(|(r, _, _)| *r == Rule::SexPreference),
            "{src}: {f:?}"
        );
    }
    // A split title before «søges» (a listing's heading) is the title, not a preference.
    for (src, text) in [
        ("Lager mand søges", "Lager mand"),
        ("Kantine dame søges til frokostordning", "Kantine dame"),
    ] {
        let f = findings(&e, src, Format::Text);
        assert!(
            f.iter()
                .any(|(r, t, _)| *r == Rule::GenderedTerm && t == text),
            "{src}: {f:?}"
        );
        assert!(
            !f.iter().any(|(r, _, _)| *r == Rule::SexPreference),
            "{src}: {f:?}"
        );
    }
    // A sex word of its own before «søges» is a preference.
    let f = findings(&e, "Mand søges til lageret", Format::Text);
    assert!(f.iter().any(|(r, _, _)| *r == Rule::SexPreference), "{f:?}");
    // An adjective before the sex noun is still a preference.
    let f = findings(&e, "Vi søger en stærk og pålidelig mand.", Format::Text);
    assert!(f.iter().any(|(r, _, _)| *r == Rule::SexPreference), "{f:?}");
}

#[test]
fn productive_head_suggestions_keep_the_compound() {
    let e = engine();
    for (src, text, want) in [
        (
            "serveringspiger",
            "serveringspiger",
            "serveringsmedarbejdere",
        ),
        ("Opvaskedrengen", "Opvaskedrengen", "Opvaskemedarbejderen"),
        ("Kantine damer", "Kantine damer", "Kantinemedarbejdere"),
        ("Kontor piger", "Kontor piger", "Kontorassistenter"),
    ] {
        let f = findings(&e, src, Format::Text);
        let hit = f
            .iter()
            .find(|(r, t, _)| *r == Rule::GenderedTerm && t == text);
        let Some((_, _, sugg)) = hit else {
            panic!("«{src}»: {f:?}")
        };
        assert_eq!(sugg.first().map(String::as_str), Some(want), "«{src}»");
        // The suggestion is never flagged itself.
        assert!(findings(&e, want, Format::Text).is_empty(), "{want}");
    }
}

/// Every form of every productive head is found in an unlisted compound, and no suggestion
/// made for it is flagged itself.
#[test]
fn every_head_form_is_reachable_and_its_suggestions_are_silent() {
    let e = engine();
    let mut bad = Vec::new();
    for h in &e.lexicon().heads {
        for (_, form) in &h.forms {
            let word = format!("montage{form}");
            let before = if h.only_after.is_empty() { "" } else { "en " };
            let src = format!("Vi har brug for {before}{word} i morgen.");
            let f = findings(&e, &src, Format::Text);
            let Some((_, _, sugg)) = f
                .iter()
                .find(|(r, t, _)| *r == Rule::GenderedTerm && *t == word)
            else {
                bad.push(format!("{src}: {f:?}"));
                continue;
            };
            if sugg.is_empty() {
                bad.push(format!("{src}: no suggestion"));
            }
            for s in sugg {
                let again = findings(&e, s, Format::Text);
                if !again.is_empty() {
                    bad.push(format!("suggestion «{s}» is flagged: {again:?}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn look_alikes_of_productive_heads_stay_silent() {
    check_silent(
        &[
            "Stillingen er en tjenestemandsansættelse.",
            // Two words run together in a scraped listing, seen in a real ad.
            "Aftenvagter til København.\nKøbenhavnMændenes Hjem søger aftenvagter.",
            "Tjenestemanden går på pension.",
            "Tillidsrepræsentanten deltager i samtalen.",
            "Vi søger en sygeplejerske og en jordemoder.",
            "Et menneske er mere end sit CV.",
            "Bestyrelsen mødes hver mandag.",
            "Møderne holdes mandag og onsdag.",
            "Du får mandat til at træffe beslutninger.",
            "Maskinen kører på damp.",
            "Vi bruger pigment i malingen.",
            "Kommandanten leder beredskabet.",
            "Der er romantik i luften.",
            "Kontakt Peter Dreng på tlf. 12 34 56 78.",
            "Vi har en stor damptromle.",
            "Du passer pigerne og drengene i børnehaven.",
            "Vi har mange søde damer blandt vores kunder.",
            "De to piger i gruppen er tvillinger.",
            "Vi har plads til 20 drenge og piger.",
            "Vores styrmand har sønæringsbevis.",
            "Vi samarbejder med ombudsmanden.",
            "Du arbejder med vognmanden om ruterne.",
            "Vi er en forening med en stråmand.",
            "Du får en sidemand de første uger.",
            "Du fungerer som mellemmand mellem kunde og værksted.",
            "Vi har en stor konfirmandgruppe.",
            "Vi holder åbent hus for nye medlemmer.",
            "Du skal kunne lide børn, og vores mindste pige er to år.",
            "Landmanden har 200 køer.",
            "Du er en dygtig fagperson.",
            "Vi søger en medarbejder til at passe vores heste.",
            "Børnene er i alderen 3-6 år, og pigerne elsker at male.",
            "Kunden kom med sin ægtemand.",
            "Du kender vores ægtemands firma.",
            "Overstyrmanden har ansvaret for lasten.",
            "Vi installerer og servicerer oliefyr og gasfyr.",
            "Du skal passe et oliefyr.",
            "Vores ikoner, balkoner og silikone er nye.",
            "Diakonerne holder møde.",
            "Skolepigerne og spejderdrengene kommer på besøg.",
            "I klassen er der 12 drenge og 10 piger.",
            "Notre-Dame ligger i Paris.",
            "Vores landsmænd er velkomne.",
            "Konfirmanderne og konfirmanden mødes i kirken.",
            "Vognmand Hansen søger en chauffør.",
            "Søde damer og herrer, velkommen.",
            // A split title is flagged as a title (gendered-term), not escalated to a preference.
            "Vi søger en ny kollega.",
            "Kontakt Søren Skovmand på tlf. 12 34 56 78.",
            "Ring til Anne Kvistdame for at høre mere.",
        ],
        Format::Text,
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Compound and inflected variants of phrase entries.

#[test]
fn compound_variants_of_phrase_words() {
    use Rule::MasculineCoded as M;
    check_flags(
        &[
            ("Vi har et højt produktionstempo.", M, "produktionstempo"),
            ("Du trives med et højt arbejdstempo.", M, "arbejdstempo"),
            ("Der er et hurtigt tempo i butikken.", M, "tempo"),
        ],
        Format::Text,
    );
    use Rule::{AgePreference as A, GenderedPhrase as G};
    check_flags(
        &[
            (
                "Du bliver en del af et ungt salgsteam.",
                A,
                "ungt salgsteam",
            ),
            (
                "Vi har et ungt og dynamisk projektteam.",
                A,
                "ungt og dynamisk projektteam",
            ),
            ("Vi søger en ung afdelingsleder.", A, "ung afdelingsleder"),
            (
                "Du arbejder sammen med vores kvindelige afdelingsledere.",
                G,
                "kvindelige afdelingsledere",
            ),
            (
                "Hun er en kvindelig projektleder.",
                G,
                "en kvindelig projektleder",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &["Du arbejder i dit eget tempo.", "Tempoet er roligt."],
        Format::Text,
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Soft hyphens, zero-width characters and combining accents.

#[test]
fn invisible_characters_and_combining_marks_are_normalised() {
    use Rule::GenderedTerm as G;
    // (input, the exact source text of the finding: soft hyphens and marks included)
    let cases: Vec<(&str, &str)> = vec![
        ("Vi søger en for\u{ad}mand.", "for\u{ad}mand"),
        ("Vi søger en rengørings\u{ad}dame.", "rengørings\u{ad}dame"),
        ("Vi søger en for\u{200b}mand.", "for\u{200b}mand"),
        ("Vi søger en for\u{200c}mand.", "for\u{200c}mand"),
        ("Vi søger en for\u{200d}mand.", "for\u{200d}mand"),
        ("Vi søger en for\u{2060}mand.", "for\u{2060}mand"),
        ("Vi søger en for\u{feff}mand.", "for\u{feff}mand"),
        ("Vi søger en \u{ad}formand\u{ad}.", "formand"),
        // NFD: a + U+030A is å, o + U+0308 is ö, e + U+0301 is é.
        ("Vi søger en ha\u{30a}ndværksmand.", "ha\u{30a}ndværksmand"),
        (
            "HA\u{30a}NDVÆRKSMANDEN kommer i morgen.",
            "HA\u{30a}NDVÆRKSMANDEN",
        ),
        (
            "Vi søger en rengo\u{308}ringsdame.",
            "rengo\u{308}ringsdame",
        ),
        ("Vi søger en cafe\u{301}dame.", "cafe\u{301}dame"),
    ];
    let e = engine();
    let mut bad = Vec::new();
    for (src, want) in &cases {
        let f = findings(&e, src, Format::Text);
        if !f.iter().any(|(r, t, _)| *r == G && t == want) {
            bad.push(format!("{src:?}: want {want:?}, got {f:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // Invisible characters around ordinary words change nothing.
    check_silent(
        &[
            "Vi søger en for\u{ad}per\u{ad}son.",
            "Man\u{200b}dag og on\u{ad}sdag.",
        ],
        Format::Text,
    );
}

#[test]
fn invisible_characters_in_html_and_markdown() {
    use Rule::GenderedTerm as G;
    check_flags(
        &[
            ("<p>Vi søger en for&shy;mand.</p>", G, "for&shy;mand"),
            ("<p>Vi søger en for\u{ad}mand.</p>", G, "for\u{ad}mand"),
            (
                "<p>Vi søger en rengørings&#173;dame.</p>",
                G,
                "rengørings&#173;dame",
            ),
            (
                "<p>Vi søger en ha&#x30a;ndværksmand.</p>",
                G,
                "ha&#x30a;ndværksmand",
            ),
            (
                "<p>Vi søger en ha\u{30a}ndværksmand.</p>",
                G,
                "ha\u{30a}ndværksmand",
            ),
        ],
        Format::Html,
    );
    check_flags(
        &[
            ("# Job\n\nVi søger en for\u{ad}mand.\n", G, "for\u{ad}mand"),
            (
                "Vi søger en ha\u{30a}ndværksmand.\n",
                G,
                "ha\u{30a}ndværksmand",
            ),
        ],
        Format::Markdown,
    );
}

#[test]
fn fixes_replace_the_whole_source_span() {
    let e = engine();
    let src = "Vi søger en for\u{ad}mand og en ha\u{30a}ndværksmand.";
    let r = e.lint(src, Format::Text, &Options::default());
    let mut out = src.to_string();
    let mut ds: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::GenderedTerm)
        .collect();
    ds.sort_by_key(|d| std::cmp::Reverse(d.span.start));
    for d in ds {
        out.replace_range(d.span.range(), &d.suggestions[0]);
    }
    assert_eq!(out, "Vi søger en forperson og en håndværker.");
}

// ---------------------------------------------------------------------------------------------
// 6. Coverage of the reference lexicon (docs: /work/shared/reference/lexicon-da.md, sections 1-5
//    and 10): one realistic ad sentence per item it says to flag, with the rule AND the level it
//    gives; and every never-flag item it lists.

/// `(input, rule, severity, exact text)`: the input must give a finding of that rule, at that
/// severity, with that text.
fn check_flags_at(cases: &[(&str, Rule, Severity, &str)], format: Format) {
    let e = engine();
    let mut bad = Vec::new();
    for &(src, rule, severity, text) in cases {
        let d = e.lint(src, format, &Options::default()).diagnostics;
        if !d
            .iter()
            .any(|d| d.rule == rule && d.severity == severity && &src[d.span.range()] == text)
        {
            let got: Vec<_> = d
                .iter()
                .filter(|d| !d.rule.is_ad_level())
                .map(|d| (d.rule, d.severity, &src[d.span.range()]))
                .collect();
            bad.push(format!(
                "«{src}»: want {rule} {severity:?} «{text}», got {got:?}"
            ));
        }
    }
    assert!(bad.is_empty(), "{} missed:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn reference_gendered_titles_every_form_and_compound() {
    use Rule::GenderedTerm as G;
    use Severity::Warning as W;
    check_flags_at(
        &[
            (
                "Formanden for bestyrelsen holder møde hver måned.",
                G,
                W,
                "Formanden",
            ),
            (
                "Vi søger en ny bestyrelsesformand til foreningen.",
                G,
                W,
                "bestyrelsesformand",
            ),
            (
                "Du samarbejder tæt med bestyrelsesformanden.",
                G,
                W,
                "bestyrelsesformanden",
            ),
            (
                "Du refererer til sjakformændene på pladsen.",
                G,
                W,
                "sjakformændene",
            ),
            ("Vi har tre formænd i afdelingen.", G, W, "formænd"),
            ("Sjakformands opgaver er mange.", G, W, "Sjakformands"),
            ("FORMANDEN ÅBNER MØDET.", G, W, "FORMANDEN"),
            ("Næstformanden træder til ved behov.", G, W, "Næstformanden"),
            ("Formandskabet mødes hver uge.", G, W, "Formandskabet"),
            (
                "Du kan blive tillidsmand for dine kolleger.",
                G,
                W,
                "tillidsmand",
            ),
            ("Tillidsmændene deltager i mødet.", G, W, "Tillidsmændene"),
            ("Du er talsmand for projektet udadtil.", G, W, "talsmand"),
            ("Vores fagmænd har mange års erfaring.", G, W, "fagmænd"),
            (
                "Du arbejder sammen med håndværksmændene.",
                G,
                W,
                "håndværksmændene",
            ),
            (
                "Som videnskabsmand får du frie rammer.",
                G,
                W,
                "videnskabsmand",
            ),
            (
                "Embedsmændene i ministeriet støtter dig.",
                G,
                W,
                "Embedsmændene",
            ),
            ("Du fungerer som opmand i sagen.", G, W, "opmand"),
            ("Du bliver kundens kontaktmand.", G, W, "kontaktmand"),
            ("Du bliver en nøglemand i teamet.", G, W, "nøglemand"),
            ("Du bliver borgerens sagsmand.", G, W, "sagsmand"),
            ("Vi søger en Salgsmand til Jylland.", G, W, "Salgsmand"),
            ("Vi søger en sælgermand med gejst.", G, W, "sælgermand"),
            ("Lagermanden modtager varer.", G, W, "Lagermanden"),
            (
                "Vi søger brandmænd til deltidsberedskabet.",
                G,
                W,
                "brandmænd",
            ),
            (
                "Politimanden på stationen hjælper dig.",
                G,
                W,
                "Politimanden",
            ),
            ("Mandskabet på skibet er fem personer.", G, W, "Mandskabet"),
            ("Opgaven kræver 40 mandetimer.", G, W, "mandetimer"),
            (
                "Rengøringsdamens opgaver er mange.",
                G,
                W,
                "Rengøringsdamens",
            ),
            ("Vi søger en kontordame på deltid.", G, W, "kontordame"),
            ("Kantinedamerne laver frokost.", G, W, "Kantinedamerne"),
            (
                "Vi søger en køkkendame til plejehjemmet.",
                G,
                W,
                "køkkendame",
            ),
            (
                "Kommunen har brug for flere dagplejemødre.",
                G,
                W,
                "dagplejemødre",
            ),
            (
                "Vi søger en kontorpige til receptionen.",
                G,
                W,
                "kontorpige",
            ),
            ("Vi mangler barpiger til festivalen.", G, W, "barpiger"),
            ("Vi søger eventpiger til messen.", G, W, "eventpiger"),
            (
                "Vi søger en garderobepige til weekender.",
                G,
                W,
                "garderobepige",
            ),
            ("Servicepigerne sørger for kaffen.", G, W, "Servicepigerne"),
            ("Lærerinderne på skolen er erfarne.", G, W, "Lærerinderne"),
            (
                "Vi søger en sekretærinde til direktionen.",
                G,
                W,
                "sekretærinde",
            ),
            ("Forstanderinden leder hjemmet.", G, W, "Forstanderinden"),
            ("Vi søger en sangerinde til bandet.", G, W, "sangerinde"),
            (
                "Vi søger en skuespillerinde til rollen.",
                G,
                W,
                "skuespillerinde",
            ),
            (
                "Vi søger en ekspeditrice til butikken.",
                G,
                W,
                "ekspeditrice",
            ),
            ("Vi søger servitricer til sommeren.", G, W, "servitricer"),
            ("Direktricen har ansvaret for salget.", G, W, "Direktricen"),
            ("Vi søger en massøse til klinikken.", G, W, "massøse"),
            ("Vi søger en frisørinde til salonen.", G, W, "frisørinde"),
            ("Vi søger en syerske til systuen.", G, W, "syerske"),
            ("Husholdersken styrer hjemmet.", G, W, "Husholdersken"),
            ("Vi søger en kokkepige til restauranten.", G, W, "kokkepige"),
            // «gutterne» after «af» is left to the phrase «(en) af gutterne»
            (
                "Du bliver en del af gutterne på lageret.",
                Rule::GenderedPhrase,
                W,
                "af gutterne",
            ),
            ("Du tager på skitur med drengene.", G, W, "drengene"),
            // split, hyphenated and soft-hyphenated compounds
            ("Vi søger Kantine damer til frokost.", G, W, "Kantine damer"),
            ("Vi søger en Kantine-dame.", G, W, "Kantine-dame"),
            (
                "Vi søger en rengørings\u{ad}dame til kontoret.",
                G,
                W,
                "rengørings\u{ad}dame",
            ),
            // English -man titles in Danish ads, and the split «handy mand»
            ("Vi søger en handyman til ejendommen.", G, W, "handyman"),
            ("Handymanden holder ejendommen.", G, W, "Handymanden"),
            ("Vi søger en handymand til ejendommen.", G, W, "handymand"),
            ("Vi søger en handy mand til ejendommen.", G, W, "handy mand"),
            ("Handy-mand søges til boligforeningen.", G, W, "Handy-mand"),
            ("Vi søger en salesman til Norden.", G, W, "salesman"),
            (
                "Du rapporterer til bestyrelsens chairman.",
                G,
                W,
                "chairman",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            (
                "<p>Vi søger en rengørings&shy;dame.</p>",
                G,
                W,
                "rengørings&shy;dame",
            ),
            (
                "<p>Vi s&oslash;ger en k&oslash;kkendame.</p>",
                G,
                W,
                "k&oslash;kkendame",
            ),
        ],
        Format::Html,
    );
}

#[test]
fn reference_idioms_preferences_pronouns_and_ages() {
    use Rule::{AgePreference as A, GenderedPhrase as P, GenericPronoun as PR, SexPreference as S};
    use Severity::{Error as E, Info as I, Warning as W};
    check_flags_at(
        &[
            // 3. gendered idioms and phrases
            (
                "Du skal kunne mande dig op, når det brænder på.",
                P,
                W,
                "mande dig op",
            ),
            ("Mand dig op og søg jobbet!", P, W, "Mand dig op"),
            (
                "Man skal mande sig op i travle perioder.",
                P,
                W,
                "mande sig op",
            ),
            (
                "Vi taler mand til mand med kunderne.",
                P,
                W,
                "mand til mand",
            ),
            ("Det har ikke været set i mands minde.", P, I, "mands minde"),
            (
                "Vi vil tiltrække kvindelige talenter.",
                P,
                W,
                "kvindelige talenter",
            ),
            ("Du får gode mandlige kolleger.", P, W, "mandlige kolleger"),
            (
                "Du arbejder sammen med den kvindelige læge.",
                P,
                W,
                "den kvindelige læge",
            ),
            (
                "Den kvindelige chef er din nærmeste leder.",
                P,
                W,
                "Den kvindelige chef",
            ),
            (
                "Den mandlige sygeplejerske tager nattevagten.",
                P,
                W,
                "Den mandlige sygeplejerske",
            ),
            (
                "Bliv en af gutterne på værkstedet.",
                P,
                W,
                "Bliv en af gutterne",
            ),
            (
                "Du bliver en af drengene i sjakket.",
                P,
                W,
                "en af drengene",
            ),
            ("Du skal mandsopdække modstanderen.", P, W, "mandsopdække"),
            ("Vi skal bemande receptionen.", P, I, "bemande"),
            // 4. explicit preference for one sex
            (
                "Vi søger en kvinde til vores rengøringsteam.",
                S,
                E,
                "søger en kvinde",
            ),
            (
                "Mandlig pædagog søges til børnehave.",
                S,
                E,
                "Mandlig pædagog søges",
            ),
            (
                "Vi søger en kvindelig tømrer til sjakket.",
                S,
                E,
                "søger en kvindelig tømrer",
            ),
            (
                "Vi søger kvindelige ledere til programmet.",
                S,
                E,
                "søger kvindelige ledere",
            ),
            (
                "Kantinepige søges til frokostordning.",
                S,
                E,
                "Kantinepige søges",
            ),
            ("Dame søges til rengøring.", S, E, "Dame søges"),
            (
                "Gerne en kvinde, da teamet består af mænd.",
                S,
                E,
                "Gerne en kvinde",
            ),
            (
                "Det skal gerne være en mand.",
                S,
                E,
                "skal gerne være en mand",
            ),
            ("Søges: dame til rengøring af villa.", S, E, "Søges: dame"),
            ("Stillingen er kun for kvinder.", S, E, "kun for kvinder"),
            (
                "Vi ønsker en kvinde til stillingen.",
                S,
                E,
                "ønsker en kvinde",
            ),
            (
                "Vi ønsker os en kvinde til teamet.",
                S,
                E,
                "ønsker os en kvinde",
            ),
            // 5. generic pronouns (binary pairs at info)
            (
                "Vi søger en sælger. Han skal kunne tale med kunderne.",
                PR,
                W,
                "Han",
            ),
            (
                "Vi søger en koordinator. Hun vil få ansvar for planlægningen.",
                PR,
                W,
                "Hun",
            ),
            (
                "Vi søger en elev. Hendes opgaver er mange.",
                PR,
                W,
                "Hendes",
            ),
            (
                "Vi søger en assistent. Han/hun skal have kørekort.",
                PR,
                I,
                "Han/hun",
            ),
            (
                "Vi søger en assistent. Hun/han skal have kørekort.",
                PR,
                I,
                "Hun/han",
            ),
            (
                "Vi søger en assistent. Han eller hun skal have kørekort.",
                PR,
                I,
                "Han eller hun",
            ),
            // 10. age preference (lawful under-18 limits at info)
            (
                "Vi søger en ung og dynamisk sælger.",
                A,
                E,
                "ung og dynamisk",
            ),
            (
                "Vi søger unge og dynamiske sælgere.",
                A,
                E,
                "unge og dynamiske",
            ),
            ("Vi er et ungt team i vækst.", A, E, "ungt team"),
            (
                "Vi søger yngre medarbejdere til lageret.",
                A,
                E,
                "yngre medarbejdere",
            ),
            ("Du skal være min. 30 år.", A, E, "Du skal være min. 30 år"),
            (
                "Du er min. 25 år og har kørekort.",
                A,
                E,
                "Du er min. 25 år",
            ),
            ("Krav: min. 30 år.", A, E, "Krav: min. 30 år"),
            ("Alder: max. 40 år.", A, E, "Alder: max. 40 år"),
            (
                "Ansøgere skal være mellem 20 og 45 år.",
                A,
                E,
                "Ansøgere skal være mellem 20 og 45 år",
            ),
            (
                "Vi søger medarbejdere i alderen 20-45 år.",
                A,
                E,
                "alderen 20-45 år",
            ),
            (
                "Vi søger en sælger under 30 år.",
                A,
                E,
                "søger en sælger under 30 år",
            ),
            (
                "Vi søger en ny kollega over 50 år.",
                A,
                E,
                "søger en ny kollega over 50 år",
            ),
            ("Du skal være nyuddannet.", A, E, "skal være nyuddannet"),
            (
                "Vi søger friske og oplagte medarbejdere.",
                A,
                I,
                "friske og oplagte",
            ),
            (
                "Du skal være fyldt 18 år for at sælge alkohol.",
                A,
                I,
                "fyldt 18 år",
            ),
            ("Vi søger en ungarbejder til butikken.", A, I, "ungarbejder"),
            ("Kandidaten er over 18 år.", A, I, "over 18 år"),
        ],
        Format::Text,
    );
    let f = findings(
        &engine(),
        "Krav:\n\n- min. 30 år\n- kørekort B\n",
        Format::Text,
    );
    assert!(
        f.iter().any(|(r, t, _)| *r == A && t == "min. 30 år"),
        "{f:?}"
    );
}

#[test]
fn reference_never_flag_items_stay_silent() {
    check_silent(
        &[
            "Vi søger en sygeplejerske til nattevagt.",
            "Sygeplejerskerne på afdelingen er dygtige.",
            "Vi søger en jordemoder.",
            "Jordemoderen følger fødslen.",
            "Vi søger en jordemor.",
            "Vi har brug for flere jordemødre.",
            "Vi søger en pædagog, en lærer og en leder.",
            "Chefen er din nærmeste leder.",
            "Du ansættes som tjenestemand.",
            "Du bliver tjenestemandsansat.",
            "Tjenestemandsansættelse er mulig.",
            "Stillingen giver ret til tjenestemandspension.",
            "Du refererer til ombudsmanden.",
            "De økonomiske vismænd.",
            "Vi søger en tillidsrepræsentant.",
            "Du er tillidsvalgt.",
            "Vi søger en forperson.",
            "Du bliver talsperson.",
            "Du er fagperson.",
            "Du får sidemandsoplæring.",
            "Bemandingen er god.",
            "Du laver bemandingsplanen.",
            "Vi mødes mandag.",
            "Mandag til fredag.",
            "Du har mandat til at beslutte.",
            "Du kører mandskabsvognen.",
            "Vi leder efter en dygtig kollega.",
            "Vi leder efter dig!",
            "Kontakt Hans Jensen på 12345678.",
            "Hans Jensen glæder sig til at høre fra dig.",
            "Med venlig hilsen",
            "Vi tilbyder konkurrencedygtig løn.",
            "Lønnen er afhængig af kvalifikationer.",
            "Du er selvstændig erhvervsdrivende.",
            "Der er varm mad hver dag.",
            "Kontakt Inge-Lise Hansen. Hun kan fortælle mere om jobbet.",
            "Vi spiller forestillingen «Han kom fra havet».",
            "Vi opfordrer især kvinder til at søge.",
            "Vi opfordrer alle uanset køn til at søge.",
            "Vi har en overvægt af mænd og vil gerne have flere kvinder, men alle er velkomne.",
            "Du skal finde løsninger og vinde kunder.",
            "Du vil måske ønske at binde dig.",
            "Tekniske danske mennesker.",
            "Demand planning er en del af jobbet.",
            "Du får kommandoen.",
            "Vi søger en sælger med over 25 års erfaring.",
            "Vi søger en dagplejer til børn under 3 år.",
            "Vi søger nu over 20 nye medarbejdere.",
            "Du må gerne være mand eller kvinde.",
        ],
        Format::Text,
    );
    // Maritime certificates: `info` at most.
    let e = engine();
    for src in [
        "Vi søger en styrmand til færgen.",
        "Vi søger en skibsfører.",
    ] {
        let d = e.lint(src, Format::Text, &Options::default()).diagnostics;
        assert!(
            d.iter().all(|d| d.severity == Severity::Info),
            "{src}: {d:?}"
        );
    }
}

/// Misses seen in the sweep of Jobindex listings (2026-12-03): a decade with where in it («i starten
/// af 20'erne»), young people of a stated age range sought (an error, or info when the whole range is
/// below 18: school-age jobs under the young-worker rules), and a phrase whose suffix anchor ends a
/// hyphenated token («et ungt og dynamisk salgs-team»). A decade about the company, a range about the
/// people served and a range after «til unge» stay silent.
#[test]
fn decades_youth_ranges_and_hyphenated_suffix_anchors() {
    use Rule::AgePreference as A;
    check_flags_at(
        &[
            (
                "Du er i starten af 20'erne og har lyst til at lære.",
                A,
                Severity::Error,
                "Du er i starten af 20'erne",
            ),
            (
                "Vi søger en kollega i midten af 30'erne.",
                A,
                Severity::Error,
                "kollega i midten af 30'erne",
            ),
            (
                "Du er i slutningen af trediverne.",
                A,
                Severity::Error,
                "Du er i slutningen af trediverne",
            ),
            (
                "Vi søger unge mellem 20 og 30 år til lageret.",
                A,
                Severity::Error,
                "søger unge mellem 20 og 30 år",
            ),
            (
                "Vi søger unge mellem 13 og 17 år til fritidsjob.",
                A,
                Severity::Info,
                "søger unge mellem 13 og 17 år",
            ),
            (
                "Vi har et ungt og dynamisk salgs-team.",
                A,
                Severity::Error,
                "ungt og dynamisk salgs-team",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Firmaet blev grundlagt i starten af 70'erne.",
            "Vi søger en pædagog til unge mellem 14 og 18 år.",
            "Klubben er for unge mellem 13 og 17 år.",
            "Vi har et stærkt salgs-team.",
        ],
        Format::Text,
    );
}

/// A gendered title used for a person the ad names is not about the person sought (the three
/// readers of the real ads marked «menighedsrådets formand, Inge-Lise Christensen» and «formand
/// for skolebestyrelsen Helene Weiskvist» as no bias): a full name right after it (or before it
/// with a comma) keeps it silent. The same title for the person sought, after «en»/«ny», or in a
/// shouted heading stays flagged.
#[test]
fn title_of_a_named_person_is_not_the_person_sought() {
    use Rule::GenderedTerm as G;
    check_silent(
        &[
            "Yderligere oplysninger fås ved henvendelse til menighedsrådets formand, Inge-Lise Christensen på tlf. 59 65 43 70.",
            "Du kan kontakte formand for skolebestyrelsen Helene Weiskvist på 2629 1549.",
            "Spørgsmål kan rettes til næstformand Birgit Holt på 75 00 00 00.",
            "Kontakt Jens Hansen, formand, på tlf. 12 34 56 78.",
            "Ring til bestyrelsesformand Ole Kirk-Madsen for at høre mere.",
            "Kontakt formand Jens P. Hansen eller send en ansøgning.",
        ],
        Format::Text,
    );
    check_flags(
        &[
            ("Vi søger en formand for Dansk Metal.", G, "formand"),
            (
                "Vi søger en ny formand Peter Jensen kan lære op.",
                G,
                "formand",
            ),
            ("SJAKFORMAND SØGES TIL STORT BOLIGPROJEKT", G, "SJAKFORMAND"),
            ("Lagermand (M/K) søges", G, "Lagermand"),
            ("Flaskedrenge M/K til festivalen", G, "Flaskedrenge"),
            (
                "Som formand for Team Danmark får du ansvar for økonomien.",
                G,
                "formand",
            ),
            (
                "Formanden skal kunne lede holdet, siger Jens Hansen.",
                G,
                "Formanden",
            ),
            (
                "Vores formand Jens Hansen går på pension, så vi søger en ny formand.",
                G,
                "formand",
            ),
        ],
        Format::Text,
    );
}

/// Found on the tuning half of the real ads after the second reading: the English «one-man band»
/// (a gendered phrase, both readers and the adjudicator: flag) and the Danish Defence's personnel
/// category «befalingsmand» in post titles (a regulated name with no neutral form in use, like
/// «styrmand»: the readers marked it a hint, so info with no suggestion).
#[test]
fn one_man_band_and_the_befalingsmand_category() {
    use Rule::GenderedPhrase as P;
    check_flags(
        &[
            (
                "Som videojournalist er du en one-man-band.",
                P,
                "one-man-band",
            ),
            ("Du er vant til at være et one man show.", P, "one man show"),
            (
                "Vi søger en One-Man-Band til vores lokalredaktion.",
                P,
                "One-Man-Band",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            (
                "Transportbefalingsmand til Hærens Kampskole",
                Rule::GenderedTerm,
                Severity::Info,
                "Transportbefalingsmand",
            ),
            (
                "Flyverhjemmeværnet søger en uddannelsesbefalingsmand.",
                Rule::GenderedTerm,
                Severity::Info,
                "uddannelsesbefalingsmand",
            ),
            (
                "Du bliver en del af et team af befalingsmænd.",
                Rule::GenderedTerm,
                Severity::Info,
                "befalingsmænd",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &["Du er en one-person band med kamera og mikrofon."],
        Format::Text,
    );
}

/// An age limit the ad says is set by law («De er fastlagt i Taxiloven og er følgende: • Du skal
/// mindst være 21 år», real ad 109 of the tuning half, which the readers marked a hint) is info
/// with the lawful-limit reason; the same limit with no law named, or «lov» as permission («du
/// får lov til»), stays an error.
#[test]
fn age_limit_said_to_be_set_by_law_is_info() {
    use Rule::AgePreference as A;
    check_flags_at(
        &[
            (
                "Kravene er fastlagt i Taxiloven og er følgende:\n• Du skal mindst være 21 år\n• Du skal have haft kørekort i 3 år",
                A,
                Severity::Info,
                "Du skal mindst være 21 år",
            ),
            ("Ifølge lovgivningen skal du være fyldt 21 år.", A, Severity::Info, "fyldt 21 år"),
            ("Det er et lovkrav, at du er min. 20 år.", A, Severity::Info, "du er min. 20 år"),
            ("Du skal mindst være 21 år.", A, Severity::Error, "Du skal mindst være 21 år"),
            ("Du får lov til at køre selv, når du er min. 25 år.", A, Severity::Error, "du er min. 25 år"),
            ("Krav:\n- min. 30 år\n- kørekort B", A, Severity::Error, "min. 30 år"),
        ],
        Format::Text,
    );
}

/// Kinds found in a sweep of 75 public ads and quoted ads outside the annotated set (2026-12-03,
/// marked blind before biasvask ran): a classified-ad headline with a sex noun as its head, a sex
/// noun after an inversion or in a question, split «-pige» titles after a first part that was not
/// listed, «søger en nyuddannet» as the person sought. A description of the present staff's ages
/// is no wish.
#[test]
fn sweep_headlines_inversions_split_titles_and_newly_qualified() {
    use Rule::{AgePreference as A, GenderedTerm as G, SexPreference as S};
    check_flags(
        &[
            ("Piger/Kvinder til Rengøringsopgaver", S, "Piger/Kvinder til"),
            ("Mænd til flytteopgaver i weekenden", S, "Mænd til"),
            ("Mand til lager søges", S, "Mand til"),
            (
                "Har du lyst til at undervise, så er du en frisk kvinde som har dansk og idræt på linje.",
                S,
                "er du en frisk kvinde",
            ),
            ("Er du en mand med overblik?", S, "Er du en mand"),
            ("Du er en glad og udadvendt pige med styr på kassen.", S, "Du er en glad og udadvendt pige"),
            ("Vi søger en sød og smilende demo pige til weekenden.", G, "demo pige"),
            ("Bartender piger søges til nyt natsted", G, "Bartender piger"),
            ("Vi søger Nye Bartender piger til weekenden", G, "Bartender piger"),
            ("Vi søger en nyuddannet ingeniør til vores team.", A, "søger en nyuddannet"),
            ("Vi søger nogle nyuddannede sygeplejersker.", A, "søger nogle nyuddannede"),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Mænd og kvinder til flytteopgaver",
            "Piger til fodboldholdet søger træner",
            "Kvinder til toppen: vores netværk for ledere",
            "Vi søger en nyuddannet eller erfaren ingeniør.",
            "Vi søger en ingeniør; nyuddannede er også velkomne.",
            "Medarbejderne er i alderen 19 til 43 år.",
            "Vi er 45 kolleger i alderen 19 til 43 år, og vi søger en ny.",
        ],
        Format::Text,
    );
}

/// English binary pairs in the English ads of Danish employers (university boilerplate found in the
/// sweep of 2026-12-03: 14 in 6 of 75 ads): info like «han/hun», with the singular «their»/«them»/
/// «themselves» where the verb does not change; a subject pair gets no suggestion.
#[test]
fn english_binary_pronoun_pairs_are_info() {
    use Rule::GenericPronoun as P;
    let cases = [
        (
            "Each applicant will be notified of the outcome of his or her application.",
            "his or her",
            Some("their"),
        ),
        (
            "The committee will receive his/her assessment.",
            "his/her",
            Some("their"),
        ),
        (
            "The applicant in her/his project description explains the aims.",
            "her/his",
            Some("their"),
        ),
        (
            "Comment on the part that relates to the applicant him/herself.",
            "him/herself",
            Some("themselves"),
        ),
        (
            "We will contact him or her by e-mail.",
            "him or her",
            Some("them"),
        ),
        (
            "If an assistant professor is appointed, he/she will be obliged to complete a course.",
            "he/she",
            None,
        ),
        ("(S)he will supervise PhD students.", "(S)he", None),
    ];
    let e = engine();
    for (src, text, sugg) in cases {
        let d = e.lint(src, Format::Text, &Options::default()).diagnostics;
        let f = d
            .iter()
            .find(|d| d.rule == P && &src[d.span.range()] == text)
            .unwrap_or_else(|| panic!("«{src}»: no generic-pronoun on «{text}»: {d:?}"));
        assert_eq!(f.severity, Severity::Info, "{src}");
        assert_eq!(f.suggestions.first().map(String::as_str), sugg, "{src}");
    }
    check_silent(
        &[
            "She will join the team; he leads it.",
            "Kom her, hvis du vil.",
            "His role is to lead the team of her department.",
        ],
        Format::Text,
    );
}

/// More kinds of the sweep of 2026-12-03 (public ads and quoted ads outside the annotated set),
/// and their look-alikes: care ads name the citizen they serve by age and sex; «ikke-senior», the
/// start of a career and a cap on experience stand for young; English-language ads say «young and
/// dynamic», «young team», «recent graduate», «aged 25 to 35», «manning».
#[test]
fn sweep_age_proxies_served_people_and_english_age_wording() {
    use Rule::{AgePreference as A, GenderedPhrase as P};
    check_flags_at(
        &[
            (
                "Vi søger en ikke-senior konsulent.",
                A,
                Severity::Error,
                "ikke-senior",
            ),
            (
                "Vi søger kandidater i starten af deres karriere.",
                A,
                Severity::Info,
                "starten af deres karriere",
            ),
            (
                "Kandidater med op til 4 års relevant erhvervserfaring prioriteres.",
                A,
                Severity::Info,
                "op til 4 års relevant erhvervserfaring",
            ),
            (
                "We are looking for a young and dynamic colleague.",
                A,
                Severity::Error,
                "young and dynamic",
            ),
            (
                "Join our young team in Aarhus!",
                A,
                Severity::Error,
                "young team",
            ),
            (
                "The ideal candidate will be a recent PhD graduate.",
                A,
                Severity::Error,
                "recent PhD graduate",
            ),
            (
                "Applicants aged 25 to 35 are preferred.",
                A,
                Severity::Error,
                "aged 25 to 35",
            ),
            (
                "You join 18 colleagues manning our receptions.",
                P,
                Severity::Info,
                "manning",
            ),
            (
                "Vi søger en ung mand til vores lager.",
                A,
                Severity::Error,
                "ung mand",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Vi søger en hjælper til en ung mand med autisme.",
            "Handicaphjælper til ung kvinde i Aarhus",
            "Borgeren er en ung mand, der har brug for støtte.",
            "BPA-hjælper søges til ung pige med cerebral parese",
            "Vi har op til 5 års garanti på alt arbejde.",
            "We work with young people and children.",
            "Recent graduates and experienced professionals are welcome.",
            "We are 45 employees aged 19 to 43.",
            "For questions, contact Sarah Manning.",
        ],
        Format::Text,
    );
}

/// Both sexes named after a sex-preference pattern («Vi søger kvinder og mænd», «Mænd/kvinder til
/// lager søges») prefer neither; a shelter for one sex names the people it serves.
#[test]
fn both_sex_nouns_and_one_sex_shelters_are_no_preference() {
    use Rule::SexPreference as S;
    check_silent(
        &[
            "Vi søger kvinder og mænd til lageret.",
            "Vi søger mænd eller kvinder med truckcertifikat.",
            "Mænd/kvinder til lager søges",
            "Kvindehjemmet søger pædagog Kvindehjemmet, København Kvinder i krise har brug for dig.",
        ],
        Format::Text,
    );
    check_flags(
        &[
            ("Vi søger stærke mænd til flytning.", S, "søger stærke mænd"),
            ("Vi søger mænd og drenge til holdet.", S, "søger mænd"),
            (
                "Piger/Kvinder til Rengøringsopgaver",
                S,
                "Piger/Kvinder til",
            ),
        ],
        Format::Text,
    );
}

/// Kinds from a second sweep (2026-12-03) of ad wording quoted in Ligebehandlingsnævnet decisions,
/// guidance and news, marked blind before biasvask ran: a time adverb between «søger» and the sex
/// noun, «Hvis du er en … mand» (with an article: the profile; the encouragement «hvis du er mand
/// og drømmer om …» stays silent), «ung» before a compound title, plural people in an age band, a
/// band as two limits, «nyuddannet» as the profile.
#[test]
fn second_sweep_adverbs_conditionals_compound_titles_bands_and_newly_qualified() {
    use Rule::{AgePreference as A, SexPreference as S};
    check_flags(
        &[
            (
                "Vi søger lige nu en kvinde til kassen.",
                S,
                "søger lige nu en kvinde",
            ),
            (
                "Vi søger i øjeblikket stærke mænd.",
                S,
                "søger i øjeblikket stærke mænd",
            ),
            ("Vi søger pt. en mand til lageret.", S, "søger pt. en mand"),
            (
                "Hvis du er en yngre mand med sans for IT, så er du måske vores nye medarbejder.",
                S,
                "Hvis du er en yngre mand",
            ),
            (
                "Vi søger en ung kommunikationskonsulent.",
                A,
                "ung kommunikationskonsulent",
            ),
            ("Vi søger en ung account manager.", A, "ung account manager"),
            (
                "Vi søger personer, der er mellem 20 og 30 år.",
                A,
                "personer, der er mellem 20 og 30 år",
            ),
            (
                "Du er over 30, men under 50 år.",
                A,
                "over 30, men under 50 år",
            ),
            ("Du er nyuddannet jurist.", A, "Du er nyuddannet"),
            ("Er du nyuddannet?", A, "Er du nyuddannet"),
            ("Er du nyuddannet jurist?", A, "Er du nyuddannet jurist"),
            ("Nyuddannet jurist søges", A, "Nyuddannet jurist søges"),
            (
                "Vi søger lige nu 2 dygtige og ansvarsbevidste mænd til vores team.",
                S,
                "søger lige nu 2 dygtige og ansvarsbevidste mænd",
            ),
            (
                "Ansøgeren skal være mindst 23 år og have erfaring fra nattelivet.",
                A,
                "Ansøgeren skal være mindst 23 år",
            ),
            (
                "Du har erfaring og skal være min. 25 år.",
                A,
                "skal være min. 25 år",
            ),
            ("Ny pige til kassen", S, "Ny pige til"),
            (
                "Vi vil gerne have en pige til kassen.",
                S,
                "vil gerne have en pige",
            ),
            (
                "Vi håber at finde en kvinde til jobbet.",
                S,
                "håber at finde en kvinde",
            ),
            (
                "Vi søger 2 mand til flytning.",
                Rule::GenderedPhrase,
                "2 mand",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Hvis du er en kvinde og drømmer om at blive tømrer, så søg.",
            "Hvis du er mand og vil være sygeplejerske, så søg.",
            "Vi har 40 medarbejdere mellem 20 og 60 år.",
            "Hvis du er nyuddannet, er du også velkommen.",
            "Du er nyuddannet eller har erfaring fra en lignende stilling.",
            "Børn over 3 og under 6 år går i børnehave.",
            "Er du nyuddannet, får du et særligt introduktionsforløb med en fast kontaktjordemoder.",
            "Vi søger lige mange kvinder og mænd.",
            "Du skal have mindst 3 år erfaring med truck.",
            "Du har været i branchen i over 5 år.",
            "Vil en mand kunne løfte 20 kg, skal han have et bælte.",
            "Jeg vil gerne have en kvinde som hjælper.",
            "Borgeren vil gerne have en kvinde til personlig pleje.",
            "I starten af din karriere hos os får du en fast mentor.",
        ],
        Format::Text,
    );
}

/// Session 9: age limits stated as «aldersgrænse», a bare «du er mellem N og M», young people sought
/// («søger unge mennesker»), and the feminine titles stewardesse and tjenerinde.
#[test]
fn age_limit_words_young_people_sought_and_two_feminine_titles() {
    use Rule::{AgePreference as A, GenderedTerm as G};
    check_flags(
        &[
            ("Du er mellem 20 og 30.", A, "Du er mellem 20 og 30"),
            ("Aldersgrænse: 30 år.", A, "Aldersgrænse: 30 år"),
            ("Aldersgrænsen er 25 år.", A, "Aldersgrænsen er 25 år"),
            (
                "Vi søger unge mennesker til lageret.",
                A,
                "søger unge mennesker",
            ),
            (
                "Vi søger 2 yngre kræfter til køkkenet.",
                A,
                "søger 2 yngre kræfter",
            ),
            ("Vi mangler unge folk!", A, "mangler unge folk"),
            ("Vi søger en stewardesse til sommeren.", G, "stewardesse"),
            ("Stewardesser søges.", G, "Stewardesser"),
            ("Vi søger to tjenerinder.", G, "tjenerinder"),
            ("Kvinde 25-40 år søges", A, "Kvinde 25-40 år søges"),
            (
                "Kvinde 25-40 år søges",
                Rule::SexPreference,
                "Kvinde 25-40 år søges",
            ),
            (
                "Dame ca. 40 år søges til rengøring.",
                A,
                "Dame ca. 40 år søges",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            (
                "Der er en aldersgrænse på 18 år pga. salg af alkohol.",
                A,
                Severity::Info,
                "aldersgrænse på 18 år",
            ),
            (
                "Aldersgrænsen er 21 år ifølge taxiloven.",
                A,
                Severity::Info,
                "Aldersgrænsen er 21 år",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Du er mellem 20 og 30 timer om ugen i butikken.",
            "Der er ingen aldersgrænse for at søge.",
            "Aldersgrænsen for deltagerne er 25 år.",
            "Vi søger pædagoger til unge mennesker.",
            "Vi er en virksomhed med mange unge mennesker.",
            "Vi søger en flyvertjener til sommeren.",
            "Vi søger en tjener.",
            "Pige 14 år søges til at passe børn.",
        ],
        Format::Text,
    );
}

/// Print, PDF and OCR text hyphenates words across line breaks: «for-⏎mand» is read whole and the
/// span covers the source; a suspended compound («rengørings-⏎og køkkenhjælp») and a capital
/// abbreviation («IT-⏎medarbejder») are not joined into a new word.
#[test]
fn words_hyphenated_across_a_line_break() {
    use Rule::GenderedTerm as G;
    check_flags(
        &[
            ("Vi søger en for-\nmand til værkstedet.", G, "for-\nmand"),
            ("Vi søger en lager-\r\nmand.", G, "lager-\r\nmand"),
            ("Vi søger en kontor-\ndame.", G, "kontor-\ndame"),
            ("Vi søger en ser-\nvitrice til caféen.", G, "ser-\nvitrice"),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Stillingen som sygeplejer-\nske er ledig.",
            "Vi søger en IT-\nmedarbejder.",
            "Du har erfaring med rengørings-\nog køkkenarbejde.",
        ],
        Format::Text,
    );
}

/// A third recall sweep (old print ads, ads quoted in articles and rejection mails, 2026-12-03):
/// limits with no «år» that end the sentence, the applicant below an age, «yngre frem for ældre»,
/// the hire named by sex («den nye pige skal»), the old frame «pige kan få plads»; and the speaker
/// of a quotation («…, siger hun») is no generic pronoun.
#[test]
fn third_sweep_kinds_and_the_speaker_of_a_quotation() {
    use Rule::{AgePreference as A, SexPreference as S};
    check_flags(
        &[
            ("Du er under 30.", A, "Du er under 30"),
            (
                "Du skal helst være over 25.",
                A,
                "Du skal helst være over 25",
            ),
            (
                "Vi søger medarbejdere på under 30.",
                A,
                "medarbejdere på under 30",
            ),
            (
                "Ansøgere under 30 foretrækkes.",
                A,
                "Ansøgere under 30 foretrækkes",
            ),
            (
                "Ansøgere under 30 år foretrækkes.",
                A,
                "Ansøgere under 30 år foretrækkes",
            ),
            (
                "Vi vil foretrække yngre kandidater frem for ældre.",
                A,
                "yngre kandidater frem for ældre",
            ),
            ("Den nye pige skal svare telefonen.", S, "Den nye pige skal"),
            (
                "Vi skal beskrive den nye dame, som vi har brug for.",
                S,
                "nye dame, som vi har brug",
            ),
            ("En flink pige kan få plads.", S, "pige kan få plads"),
            (
                "Som sådan kan en pæn og dygtig pige få plads straks.",
                S,
                "kan en pæn og dygtig pige få plads",
            ),
            (
                "Vi kan beskrive den nye dame, som vi har brug for til at passe vor forretning.",
                S,
                "nye dame, som vi har brug",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            ("Du er over 18.", A, Severity::Info, "Du er over 18"),
            (
                "Vi søger unge under 18.",
                A,
                Severity::Info,
                "unge under 18",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Du er over 30 timer om ugen på lageret.",
            "Vi arbejder med unge under 25.",
            "Vi har 40 medarbejdere under 30.",
            "Vi har 40 medarbejdere under 30 år.",
            "Medarbejdere under 25 år får elevløn.",
            "Vores kunder er ældre end 65 år.",
            "Vi søger både yngre og ældre.",
            "Den nye dame i receptionen hedder Inge.",
            "Den nye kollega, som vi har brug for, er sød.",
            "Vores nye mand på lageret hedder Ole.",
            "\"Vi søger en pædagog, som kan løfte opgaven,\" siger hun.",
            "Vi søger en pædagog, som kan løfte opgaven siger hun.",
            "Vi søger en sælger, fortæller han.",
            "I børnehaven kan en pige få plads fra 1. maj.",
            "Hvor kan en mand få arbejde i dag?",
            "Den nye pige skal passe børnene.",
        ],
        Format::Text,
    );
}

/// English-language ads of Danish employers: English gendered titles (with English suggestions in an
/// English sentence and Danish ones in a Danish sentence), English sex and age wording, and a generic
/// «he»/«his» about the person sought; the look-alikes, the people served, experience, the firm's
/// age, encouragement and pronouns about someone else stay silent.
#[test]
fn english_titles_preferences_ages_and_pronouns() {
    use Rule::{
        AgePreference as A, GenderedPhrase as P, GenderedTerm as G, GenericPronoun as N,
        SexPreference as S,
    };
    use Severity::{Error as E, Info as I, Warning as W};
    check_flags_at(
        &[
            ("You will work as a foreman on site.", G, W, "foreman"),
            ("Our foremen coordinate the crews.", G, W, "foremen"),
            ("The foreman's team handles the logistics.", G, W, "foreman"),
            ("We are looking for a skilled craftsman.", G, W, "craftsman"),
            (
                "We seek a tradesman with a valid licence.",
                G,
                W,
                "tradesman",
            ),
            ("We need two waitresses for the summer.", G, W, "waitresses"),
            ("Our cameramen travel the world.", G, W, "cameramen"),
            (
                "We are hiring a chambermaid for our hotel.",
                G,
                W,
                "chambermaid",
            ),
            (
                "Warehouse Foreman wanted for our site in Kolding.",
                G,
                W,
                "Foreman",
            ),
            ("Vi søger en foreman til vores byggeplads.", G, W, "foreman"),
            (
                "Our club is hiring a doorman for the weekends.",
                G,
                I,
                "doorman",
            ),
            ("A strong team of guys on site.", P, W, "team of guys"),
            ("You join a team of 10 men.", P, I, "team of 10 men"),
            ("Become one of the guys!", P, W, "one of the guys"),
            (
                "We need a cleaning lady twice a week.",
                P,
                W,
                "cleaning lady",
            ),
            ("Promo girls wanted for the weekend.", P, W, "Promo girls"),
            (
                "We are looking for a man to join our warehouse team.",
                S,
                E,
                "looking for a man",
            ),
            (
                "We are looking for strong guys for moving jobs.",
                S,
                E,
                "looking for strong guys",
            ),
            ("Female candidates preferred.", S, E, "Female candidates"),
            (
                "Preferably male, with a driving licence.",
                S,
                E,
                "Preferably male",
            ),
            (
                "Ideal candidate: young graduate, max 30 years old.",
                A,
                E,
                "young graduate",
            ),
            (
                "Ideal candidate: young graduate, max 30 years old.",
                A,
                E,
                "max 30 years old",
            ),
            ("We seek a digital native.", A, E, "digital native"),
            (
                "The candidate should be between 25 and 35 years old.",
                A,
                E,
                "between 25 and 35 years old",
            ),
            (
                "You are in your twenties or thirties.",
                A,
                E,
                "in your twenties",
            ),
            (
                "Candidates aged 25-35 are preferred.",
                A,
                E,
                "Candidates aged 25-35",
            ),
            (
                "We offer a place in a young, motivated team.",
                A,
                E,
                "young, motivated team",
            ),
            (
                "You must be at least 18 years old to sell alcohol.",
                A,
                I,
                "at least 18 years old",
            ),
            (
                "We are looking for a new colleague. He will be responsible for sales.",
                N,
                W,
                "He",
            ),
            (
                "The successful candidate will bring his experience to the team.",
                N,
                W,
                "his",
            ),
            ("Each employee must bring his own tools.", N, W, "his"),
            (
                "The applicant must document her qualifications.",
                N,
                W,
                "her",
            ),
            (
                "The candidate should be able to manage himself.",
                N,
                W,
                "himself",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Contact John Foreman for more information.",
            "The letter is signed by Morten Dahlberg, the chairman of the board.",
            "We are looking for a helper for a young man with autism.",
            "We are looking for a woman or a man with a driving licence.",
            "We encourage female candidates to apply.",
            "Male and female candidates are welcome.",
            "You have been working between 3 and 5 years in sales.",
            "The project runs for a maximum of 3 years.",
            "Our staff are aged 19 to 43.",
            "Join our woman-led company on the Isle of Man.",
            "Vi søger en medarbejder. Her hos os er der plads til alle.",
            "Her finder du os.",
            "You will report to our CEO. He expects a lot.",
            "For questions, contact Peter Hansen. He can tell you more about the job.",
            "Our founder started the company in 1990. He still works here.",
            "\"He is the best\", says the manager.",
            "The candidate will join Novo Nordisk, where he will lead a team.",
            "The new hire will be trained by a colleague. She will show you around.",
        ],
        Format::Text,
    );
}

/// An English title gets English suggestions in an English sentence and Danish ones in a Danish
/// sentence; a generic pronoun before a modal verb gets «they», and a possessive «their».
#[test]
fn english_suggestions_follow_the_sentence_language() {
    let e = engine();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "You will work as a foreman on site.",
            "foreman",
            &["supervisor", "team lead"],
        ),
        (
            "Vi søger en foreman til vores byggeplads.",
            "foreman",
            &["arbejdsleder", "sjakleder"],
        ),
        (
            "We are looking for a salesman for the Nordic market.",
            "salesman",
            &["salesperson", "sales representative"],
        ),
        ("Vi søger en salesman til Norden.", "salesman", &["sælger"]),
        (
            "Our foremen coordinate the crews.",
            "foremen",
            &["supervisors", "team leads"],
        ),
        (
            "We need two waitresses for the summer.",
            "waitresses",
            &["servers", "waiters"],
        ),
        (
            "We are looking for a new colleague. He will be responsible for sales.",
            "He",
            &["They"],
        ),
        (
            "The successful candidate will bring his experience to the team.",
            "his",
            &["their"],
        ),
        (
            "The ideal candidate has a degree. He has strong communication skills.",
            "He",
            &[],
        ),
    ];
    let mut bad = Vec::new();
    for &(src, text, want) in cases {
        let f = findings(&e, src, Format::Text);
        if !f.iter().any(|(_, t, s)| t == text && s == want) {
            bad.push(format!("«{src}»: want «{text}» {want:?}, got {f:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// «når du er 20 år, kan du søge»: the age at which something becomes possible is no wish for an age
/// (`unless_prev`, the police admission text of the tune half); the limit itself is still read.
#[test]
fn an_age_reached_is_no_wish_for_an_age() {
    use Rule::AgePreference as A;
    check_flags(
        &[
            ("Du er mellem 20 og 30 år.", A, "Du er mellem 20 og 30 år"),
            ("Hvis du er under 30 år, så søg.", A, "du er under 30 år"),
            ("Vi forventer at du er max 30 år.", A, "du er max 30 år"),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Når du er 20 år, kan du både ansøge og gennemgå optagelsesprøverne.",
            "når du er 30 år, har du ret til en seniorsamtale.",
            "Når du er mellem 20 og 30, kan du søge.",
        ],
        Format::Text,
    );
}

/// The team or workplace said to be young (as a predicate, by what it is made of, «ung arbejdsplads»),
/// a limit «omkring 30» ending the sentence; at info: the staff's average age, a cap on experience and
/// «moden» of a person. The people a job serves, a mix of ages, a firm's or a car park's age, experience
/// as a floor and «moden til» (ready for) stay silent.
#[test]
fn a_young_team_an_average_age_a_cap_on_experience_and_moden() {
    use Rule::AgePreference as A;
    check_flags(
        &[
            (
                "Vi er en ung arbejdsplads med højt til loftet.",
                A,
                "ung arbejdsplads",
            ),
            (
                "Arbejdspladsen er ung og uformel.",
                A,
                "Arbejdspladsen er ung",
            ),
            (
                "Vores team er forholdsvis ungt.",
                A,
                "team er forholdsvis ungt",
            ),
            (
                "Vores team består af unge mennesker.",
                A,
                "team består af unge",
            ),
            (
                "Vi er en flok unge mennesker, som brænder for mad.",
                A,
                "Vi er en flok unge",
            ),
            (
                "Vi forestiller os, at du er omkring 30.",
                A,
                "du er omkring 30",
            ),
            (
                "Du får lov til at køre selv, når du er min. 25 år.",
                A,
                "du er min. 25 år",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            (
                "Gennemsnitsalderen er 28 år.",
                A,
                Severity::Info,
                "Gennemsnitsalderen er 28",
            ),
            (
                "Du har max 5 års erfaring.",
                A,
                Severity::Info,
                "max 5 års erfaring",
            ),
            (
                "Vi søger en moden medarbejder.",
                A,
                Severity::Info,
                "moden medarbejder",
            ),
            (
                "Du er moden og udadvendt.",
                A,
                Severity::Info,
                "Du er moden",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Holdet består af unge med særlige behov.",
            "Teamet består af både unge og erfarne medarbejdere.",
            "Vi er en flok unge og ældre, der elsker mad.",
            "Gennemsnitsalderen blandt beboerne er 85 år.",
            "Vores bilpark har en gennemsnitsalder på 3 år.",
            "Du får ansvar for en gruppe unge.",
            "Vi er en ung virksomhed.",
            "Du er ca. 30 timer om ugen i butikken.",
            "Du har mindst 3 års erfaring.",
            "Er du moden til nye udfordringer?",
            "Holdet er unge fra 7. klasse.",
        ],
        Format::Text,
    );
}

/// Sex wording of other shapes: the passive with an article or a number («Der søges en pige»), the
/// applicant said to be of one sex («Den rette kandidat er en mand»), the job said to suit one sex;
/// and both sexes named before a match («Drenge og piger søges», «Flink pige/dreng søges») are no
/// preference.
#[test]
fn passive_sought_applicant_of_one_sex_and_both_sexes_named_before() {
    use Rule::SexPreference as S;
    check_flags(
        &[
            ("Der søges en pige til opvask.", S, "søges en pige"),
            ("Til lageret søges 2 stærke mænd.", S, "søges 2 stærke mænd"),
            (
                "Den rette kandidat er en mand med ben i næsen.",
                S,
                "kandidat er en mand",
            ),
            (
                "Vi forestiller os, at ansøgeren er en kvinde.",
                S,
                "ansøgeren er en kvinde",
            ),
            (
                "Stillingen passer bedst til en mand.",
                S,
                "Stillingen passer bedst til en mand",
            ),
            (
                "Jobbet egner sig bedst for kvinder.",
                S,
                "Jobbet egner sig bedst for kvinder",
            ),
            ("Vi har mange drenge, men piger søges nu.", S, "piger søges"),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Jobbet passer både til mænd og kvinder.",
            "Stillingen egner sig lige godt for kvinder og mænd.",
            "Der søges en medarbejder til vores team af stærke mænd.",
            "Den rette kandidat er en person med overblik.",
            "Jobbet passer til en person med erfaring.",
            "Drenge og piger søges til avisomdeling.",
            "Flink pige/dreng søges til kiosk.",
            "Mænd og stærke piger søges.",
        ],
        Format::Text,
    );
}

/// A generic pronoun in a that-clause with no one else named («Det er vigtigt, at han er mødestabil»,
/// «Vi forestiller os, at han har erfaring»); the person someone stands in for («en afløser for
/// Inge») is someone already there, and the people served stay silent.
#[test]
fn pronoun_in_a_that_clause_and_the_person_stood_in_for() {
    let e = engine();
    for (src, want) in [
        ("Det er vigtigt, at han er mødestabil.", Some("han")),
        (
            "Vi søger en tømrer. Vi forestiller os, at han har erfaring fra byggebranchen.",
            Some("han"),
        ),
        (
            "Vi søger en afløser for Inge, der går på pension. Hun har været her i 30 år.",
            None,
        ),
        (
            "Vi søger en barselsvikar for Mette. Hun vender tilbage i maj.",
            None,
        ),
        (
            "Borgeren er en ældre mand. Det er vigtigt, at han føler sig tryg.",
            None,
        ),
        (
            "Mød vores leder Mette. Vi er sikre på, at hun tager godt imod dig.",
            None,
        ),
    ] {
        let got: Vec<&str> = e
            .lint(src, Format::Text, &Options::default())
            .diagnostics
            .iter()
            .filter(|d| d.rule == Rule::GenericPronoun)
            .map(|d| &src[d.span.range()])
            .collect();
        assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "«{src}»");
    }
}

/// The team as one sex («en del af drengene», «Pigerne i kantinen», «Vi er en flok piger»), a man
/// sought with words between («en rigtig mand», «et rigtigt mandfolk»), -kvinde titles and -karl;
/// both sexes named, children, a first name and the person served stay silent.
#[test]
fn the_team_as_one_sex_kvinde_and_karl_titles() {
    use Rule::{GenderedPhrase as P, GenderedTerm as T, SexPreference as S};
    check_flags(
        &[
            (
                "Du bliver en del af drengene på lageret.",
                P,
                "del af drengene",
            ),
            (
                "Pigerne i kantinen sørger for frokosten.",
                P,
                "Pigerne i kantinen",
            ),
            (
                "Vi er en flok piger, der elsker at sælge.",
                P,
                "Vi er en flok piger",
            ),
            (
                "Du skal være en rigtig mand.",
                S,
                "skal være en rigtig mand",
            ),
            (
                "Vi søger et rigtigt mandfolk.",
                S,
                "søger et rigtigt mandfolk",
            ),
            ("Vi søger en fagkvinde.", T, "fagkvinde"),
            (
                "Vi søger en dygtig forretningskvinde.",
                T,
                "forretningskvinde",
            ),
            ("Vi søger en staldkarl.", T, "staldkarl"),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Vi er en flok mænd og kvinder, der elsker at bygge.",
            "Drengene og pigerne på lageret glæder sig.",
            "Du kommer til at arbejde med drengene i 3. klasse.",
            "Du bliver en del af pigerne i børnehaven.",
            "Du skal være en rigtig god kollega.",
            "Kontakt Karl Jensen på 12345678.",
            "Hjælper søges til ung kvinde.",
            "Hun er en stærk kvinde.",
        ],
        Format::Text,
    );
}

/// English limits with no «years» that end the sentence («You are between 25 and 35.», «The candidate
/// must be under 35.»; 15-18 at info) and the person sought said to be of one sex («should be a man»).
#[test]
fn english_bare_limits_and_should_be_a_man() {
    use Rule::{AgePreference as A, SexPreference as S};
    check_flags(
        &[
            ("You are between 25 and 35.", A, "You are between 25 and 35"),
            (
                "The candidate must be under 35.",
                A,
                "candidate must be under 35",
            ),
            (
                "Our new colleague should be a man with a strong back.",
                S,
                "should be a man",
            ),
            (
                "The candidate should ideally be a woman.",
                S,
                "should ideally be a woman",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            ("You are over 18.", A, Severity::Info, "You are over 18"),
            (
                "You must be at least 18.",
                A,
                Severity::Info,
                "You must be at least 18",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "You will be under 35 hours a week on the road.",
            "You will be a key player in our team.",
            "The successful applicant will be a team player.",
        ],
        Format::Text,
    );
}

/// Lawful floors: an age of 15-18 with no limit word («Du skal være 18 år») is info like «fyldt 18»; a
/// minimum of 19-21 is info when the sentence names a licence or an admission (taxi, bus, the police
/// school), an error without one; a maximum stays an error with a licence named.
#[test]
fn lawful_floors_of_licences_and_admissions() {
    use Rule::AgePreference as A;
    check_flags_at(
        &[
            (
                "Du skal være 18 år.",
                A,
                Severity::Info,
                "Du skal være 18 år",
            ),
            (
                "Du skal være 18 år for at starte på uddannelsen til politikadet.",
                A,
                Severity::Info,
                "Du skal være 18 år",
            ),
            (
                "Du skal være fyldt 21 år ved studiestart.",
                A,
                Severity::Info,
                "fyldt 21 år",
            ),
            (
                "Du skal være mindst 21 år og have haft kørekort i 3 år.",
                A,
                Severity::Info,
                "Du skal være mindst 21 år",
            ),
            (
                "Du skal være fyldt 21 år.",
                A,
                Severity::Error,
                "fyldt 21 år",
            ),
            (
                "Du skal være under 21 år og have kørekort.",
                A,
                Severity::Error,
                "Du skal være under 21 år",
            ),
            (
                "Du skal være fyldt 25 år og have kørekort.",
                A,
                Severity::Error,
                "fyldt 25 år",
            ),
        ],
        Format::Text,
    );
}

/// «bemandet» compounds at info like «bemandet»; «ubemandet» (unmanned craft) is silent.
#[test]
fn bemandet_compounds() {
    check_flags_at(
        &[(
            "Vi er en døgnbemandet vagtcentral.",
            Rule::GenderedPhrase,
            Severity::Info,
            "døgnbemandet",
        )],
        Format::Text,
    );
    check_silent(&["Ubemandede fly er fremtiden."], Format::Text);
}

/// The suggestions of this session's new entries keep the place, the inflection and the case.
#[test]
fn suggestions_of_the_team_and_the_new_heads() {
    let e = engine();
    for (src, text, want) in [
        (
            "Pigerne i kantinen sørger for frokosten.",
            "Pigerne i kantinen",
            "Kollegerne i kantinen",
        ),
        (
            "Du bliver en del af drengene på lageret.",
            "del af drengene",
            "del af holdet",
        ),
        ("Vi søger fagkvinder.", "fagkvinder", "fagpersoner"),
        (
            "Fagkvindens opgaver er mange.",
            "Fagkvindens",
            "Fagpersonens",
        ),
        ("Vi søger to staldkarle.", "staldkarle", "staldmedarbejdere"),
    ] {
        let f = findings(&e, src, Format::Text);
        assert!(
            f.iter()
                .any(|(_, t, s)| t == text && s.first().map(String::as_str) == Some(want)),
            "«{src}»: want «{text}» -> «{want}», got {f:?}"
        );
    }
}

/// The fourth recall sweep (2026-12-03: ads and recruiters' wording quoted in the news): bare «unge»
/// recruited (info), «brug for (er) et par mænd», «at finde en kvinde», an age cut-off («fra 25 år og
/// opefter», «over 40 år kommer ikke i betragtning»); guidance that forbids the wording it quotes, a
/// retirement age, a staff benefit and the firm's years stay silent.
#[test]
fn fourth_sweep_kinds_and_guidance_that_quotes_what_it_forbids() {
    use Rule::{AgePreference as A, SexPreference as S};
    check_flags(
        &[
            (
                "Det vi har brug for er et par mænd.",
                S,
                "brug for er et par mænd",
            ),
            (
                "Vi har brug for to stærke mænd til flytning.",
                S,
                "brug for to stærke mænd",
            ),
            ("Det vi har brug for er en mand.", S, "brug for er en mand"),
            (
                "Målet er at finde en kvinde til stillingen.",
                S,
                "at finde en kvinde",
            ),
            (
                "Alle fra 25 år og opefter bliver sorteret fra.",
                A,
                "25 år og opefter",
            ),
            (
                "Ansøgere over 40 år kommer ikke i betragtning.",
                A,
                "over 40 år kommer ikke i betragtning",
            ),
            (
                "Du må ikke være bange for at skrive, og vi søger en mand.",
                S,
                "søger en mand",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            (
                "Vi søger unge til vores nye butik.",
                A,
                Severity::Info,
                "søger unge",
            ),
            (
                "Vi vil gerne have flere unge på holdet.",
                A,
                Severity::Info,
                "flere unge",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Man må heller ikke skrive, at man søger en kvinde.",
            "Det er ulovligt at annoncere efter en ung medarbejder.",
            "You must not write that you are looking for a woman.",
            "Vi har brug for flere kvinder i ledelsen.",
            "Vi har brug for 2 mænd og 2 kvinder.",
            "Det er svært at finde en mand til jobbet.",
            "Han gik på pension i en alder af 63 år.",
            "Medarbejdere på 60 år og derover får seniordage.",
            "Børn på 3 år og derover er velkomne.",
            "Vi har 30 år og derover på bagen.",
            "Vi søger unge og erfarne kolleger.",
            "Ansøgninger modtaget efter fristen kommer ikke i betragtning.",
        ],
        Format::Text,
    );
}

/// The probes of the fourth sweep: «Det vi mangler er et par mænd», «Vi skal finde en kvinde», «Jobbet er
/// perfekt for unge» (info); a task («Du skal finde en mand i kundekartoteket») and the young served stay
/// silent.
#[test]
fn fourth_sweep_probes() {
    use Rule::{AgePreference as A, SexPreference as S};
    check_flags(
        &[
            (
                "Det vi mangler er et par mænd på værkstedet.",
                S,
                "mangler er et par mænd",
            ),
            (
                "Det, vi mangler, er en dame i receptionen.",
                S,
                "mangler, er en dame",
            ),
            (
                "Vi skal nu finde en mand til lageret.",
                S,
                "Vi skal nu finde en mand",
            ),
        ],
        Format::Text,
    );
    check_flags_at(
        &[(
            "Jobbet er perfekt for unge mennesker, der vil tjene lidt ekstra.",
            A,
            Severity::Info,
            "Jobbet er perfekt for unge",
        )],
        Format::Text,
    );
    check_silent(
        &[
            "Du skal finde en mand i kundekartoteket.",
            "Jobbet er et tilbud til unge med særlige behov.",
            "Opgaven er at hjælpe unge med lektier.",
            "Jobbet er både for unge og ældre.",
        ],
        Format::Text,
    );
}

/// The sex in parentheses after a title («Chauffør (mand)», «(gerne kvinde)», «(kvindelig)»); «(M/K)»
/// and the person a care job serves («Hjælper til kvinde (35 år) søges», «til borger (kvinde)») stay
/// silent.
#[test]
fn sex_in_parentheses_and_the_person_served() {
    use Rule::SexPreference as S;
    check_flags(
        &[
            ("Chauffør (mand) til kørsel i Jylland.", S, "mand"),
            ("Receptionist (kvindelig) søges til klinik.", S, "kvindelig"),
            ("Vi søger en medarbejder (mand) til lageret.", S, "mand"),
            ("Kvinde søges som hjælper i køkkenet.", S, "Kvinde søges"),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Tømrer (M/K) søges.",
            "Hjælper til kvinde (35 år) søges.",
            "Handicaphjælper til borger (kvinde) søges.",
        ],
        Format::Text,
    );
}

/// Ages with no «år» after the word for age («i alderen 25-35», «Alder: 25-40»; «Alder 18+» info), a
/// dash range after «du er mellem», and the job aimed at pensioners (info); welcome, the residents, the
/// children served and «Alder og erfaring: 5 år» stay silent.
#[test]
fn ages_after_alder_ranges_and_pensioners() {
    use Rule::AgePreference as A;
    check_flags(
        &[
            (
                "Vi forventer, at du er i alderen 25-35.",
                A,
                "alderen 25-35",
            ),
            ("Alder: 25-40", A, "Alder: 25-40"),
            ("Du er mellem 20-30 år.", A, "Du er mellem 20-30 år"),
        ],
        Format::Text,
    );
    check_flags_at(
        &[
            ("Alder 18+", A, Severity::Info, "Alder 18"),
            (
                "Vi søger en pensionist til at passe vores kantine.",
                A,
                Severity::Info,
                "søger en pensionist",
            ),
            (
                "Stillingen er velegnet for pensionister.",
                A,
                Severity::Info,
                "velegnet for pensionister",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Er du pensionist eller studerende, er du også velkommen.",
            "Indbyggerne er primært pensionister.",
            "Du kan arbejde med børn i alderen 0-6 år.",
            "Alder og erfaring: 5 år i faget.",
            "Din alder er underordnet.",
            "Vi søger medarbejdere i alle aldre.",
        ],
        Format::Text,
    );
}

/// «jævnaldrende kolleger», «ønske om jævnaldrende» (sweep 3's rejection mail); children's peers stay
/// silent.
#[test]
fn jaevnaldrende() {
    use Rule::AgePreference as A;
    check_flags(
        &[
            ("Du får jævnaldrende kolleger.", A, "jævnaldrende kolleger"),
            (
                "De har ønske om jævnaldrende til teamet.",
                A,
                "ønske om jævnaldrende",
            ),
        ],
        Format::Text,
    );
    check_silent(
        &[
            "Børnene skal lære at indgå i relationer med jævnaldrende.",
            "Du hjælper de unge med at få kontakt til jævnaldrende.",
        ],
        Format::Text,
    );
}

// ---------------------------------------------------------------------------------------------
// 7. The case of a mixed-case word, combining marks in spans, suggestions and fixes, and titles
//    written for both sexes.

/// A wording finding as (rule, severity, text, suggestions).
type Finding = (Rule, Severity, String, Vec<String>);

/// The wording findings of `src`, and the text a safe fix makes of it.
fn findings_and_fix(
    e: &Engine,
    src: &str,
    format: Format,
    options: &Options,
) -> (Vec<Finding>, String) {
    let f = e
        .lint(src, format, options)
        .diagnostics
        .into_iter()
        .filter(|d| !d.rule.is_ad_level())
        .map(|d| {
            (
                d.rule,
                d.severity,
                src[d.span.range()].to_string(),
                d.suggestions,
            )
        })
        .collect();
    let fixed = biasvask::fix::fix(e, src, format, options, biasvask::fix::Scope::Safe).text;
    (f, fixed)
}

/// A mixed-case word («FoRmAnD») is fixed in the case of its first letter, so a sentence keeps its
/// capital, and a hyphenated one part by part («VVS-mand» -> «VVS-montør»); lower, Capital and
/// UPPER are kept as they are.
#[test]
fn a_mixed_case_word_is_fixed_in_the_case_of_its_first_letter() {
    let e = engine();
    for (src, first, fixed) in [
        ("FoRmAnD søges.", "Forperson", "Forperson søges."),
        (
            "Vi søger en fORMAND.",
            "forperson",
            "Vi søger en forperson.",
        ),
        (
            "RenGøringsdame søges.",
            "Rengøringsassistent",
            "Rengøringsassistent søges.",
        ),
        ("Formand søges.", "Forperson", "Forperson søges."),
        ("FORMAND SØGES.", "FORPERSON", "FORPERSON SØGES."),
        // A hyphenated word: each part in its own case.
        ("VVS-mand søges.", "VVS-montør", "VVS-montør søges."),
        (
            "Vores gamle VVS-mand gik på pension.",
            "VVS-montør",
            "Vores gamle VVS-montør gik på pension.",
        ),
    ] {
        let (f, got) = findings_and_fix(&e, src, Format::Text, &Options::default());
        let d = f
            .iter()
            .find(|d| d.0 == Rule::GenderedTerm)
            .unwrap_or_else(|| panic!("{src}: {f:?}"));
        assert_eq!(d.3.first().map(String::as_str), Some(first), "{src}");
        assert_eq!(got, fixed, "{src}");
    }
}

/// A combining mark that composes with nothing («o» + U+030A, «d» + U+030A) belongs to the letter
/// before it: a finding's span never stops between the two, and its first suggestion is the fix:
/// a full replacement for the finding's text, the letters it keeps written as the source writes
/// them (with their marks), in plain text, HTML (also as an entity) and Markdown. A mark that
/// composes into another letter makes another word (forma + U+030A + nd is «formånd»): silent.
#[test]
fn a_combining_mark_stays_with_its_letter_in_spans_suggestions_and_fixes() {
    let e = engine();
    // (input, the finding's text, its first suggestion)
    let cases: &[(&str, &str, &str)] = &[
        (
            "Vi søger en rengo\u{30a}ringsdame.",
            "rengo\u{30a}ringsdame",
            "rengo\u{30a}ringsmedarbejder",
        ),
        (
            "Vi søger en rengorings\u{30a}dame.",
            "rengorings\u{30a}dame",
            "rengorings\u{30a}medarbejder",
        ),
        ("Vi søger en formand\u{30a}.", "formand\u{30a}", "forperson"),
        (
            "Formanden\u{331} søges.",
            "Formanden\u{331}",
            "Forpersonen\u{331}",
        ),
        (
            "Vi søger en bestyrelse\u{331}\u{331}sformand.",
            "bestyrelse\u{331}\u{331}sformand",
            "bestyrelse\u{331}\u{331}sforperson",
        ),
        // A composed letter is written composed, as before.
        (
            "Vi søger en ha\u{30a}ndværksmand.",
            "ha\u{30a}ndværksmand",
            "håndværker",
        ),
    ];
    let mut bad = Vec::new();
    for &(src, text, first) in cases {
        let wrap = [
            (Format::Text, src.to_string()),
            (Format::Markdown, format!("{src}\n")),
            (Format::Html, format!("<p>{src}</p>")),
            (
                Format::Html,
                format!("<p>{}</p>", src.replace('\u{30a}', "&#x30a;")),
            ),
        ];
        for (format, doc) in wrap {
            let (f, fixed) = findings_and_fix(&e, &doc, format, &Options::default());
            let want_text = if doc.contains("&#x30a;") {
                text.replace('\u{30a}', "&#x30a;")
            } else {
                text.to_string()
            };
            let Some(d) = f.iter().find(|d| d.0 == Rule::GenderedTerm) else {
                bad.push(format!("{format:?} {doc:?}: nothing found"));
                continue;
            };
            if d.2 != want_text || d.3.first().map(String::as_str) != Some(first) {
                bad.push(format!(
                    "{format:?} {doc:?}: want {want_text:?} -> {first:?}, got {d:?}"
                ));
            }
            // The fix writes the first suggestion in place of the finding's text.
            let want = doc.replacen(&want_text, first, 1);
            if fixed != want {
                bad.push(format!(
                    "{format:?} {doc:?}: fixed {fixed:?}, want {want:?}"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    check_silent(&["Vi søger en forma\u{30a}nd."], Format::Text);
    // A mark after a space is the space's: the word before it ends before the space.
    check_flags(
        &[(
            "Vi søger en formand \u{30a}.",
            Rule::GenderedTerm,
            "formand",
        )],
        Format::Text,
    );
}

/// A title written for both sexes («Brandmand/-kvinde», «formand(inde)», «formand/formandinde»,
/// «Fagkvinde/-mand», «tjener/servitrice») is accepted Danish for «either sex»: one finding over
/// the whole pair at the level of binary pairs (info, as «han/hun»), whose suggestion replaces
/// the whole pair, never half of it («Brandbekæmper/-kvinde», «forperson(inde)»); the sex word in
/// it is no preference («kvinde søges»); and the fixed text has nothing left to flag.
#[test]
fn titles_written_for_both_sexes_are_one_info_finding_fixed_whole() {
    let e = engine();
    // (input, the pair, its first suggestion, the fixed input)
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "Brandmand/-kvinde søges.",
            "Brandmand/-kvinde",
            "Brandbekæmper",
            "Brandbekæmper søges.",
        ),
        (
            "Vi søger en brandmand/-kvinde.",
            "brandmand/-kvinde",
            "brandbekæmper",
            "Vi søger en brandbekæmper.",
        ),
        (
            "Vi søger en formand(inde).",
            "formand(inde)",
            "forperson",
            "Vi søger en forperson.",
        ),
        (
            "Vi søger en formand-/kvinde.",
            "formand-/kvinde",
            "forperson",
            "Vi søger en forperson.",
        ),
        (
            "Vi søger en formand/-inde.",
            "formand/-inde",
            "forperson",
            "Vi søger en forperson.",
        ),
        (
            "Vi søger en formand/formandinde.",
            "formand/formandinde",
            "forperson",
            "Vi søger en forperson.",
        ),
        (
            "Formanden/-kvinden vælges af bestyrelsen.",
            "Formanden/-kvinden",
            "Forpersonen",
            "Forpersonen vælges af bestyrelsen.",
        ),
        (
            "Vi søger brandmænd/-kvinder.",
            "brandmænd/-kvinder",
            "brandbekæmpere",
            "Vi søger brandbekæmpere.",
        ),
        (
            "Vi søger en brandmand / brandkvinde.",
            "brandmand / brandkvinde",
            "brandbekæmper",
            "Vi søger en brandbekæmper.",
        ),
        (
            "Vi søger en brandmand eller -kvinde.",
            "brandmand eller -kvinde",
            "brandbekæmper",
            "Vi søger en brandbekæmper.",
        ),
        (
            "Vi søger en fagkvinde/-mand.",
            "fagkvinde/-mand",
            "fagperson",
            "Vi søger en fagperson.",
        ),
        (
            "Vi søger en fagmand/fagkvinde.",
            "fagmand/fagkvinde",
            "fagperson",
            "Vi søger en fagperson.",
        ),
        // The female form first, the flagged title second.
        (
            "Formandinde/formand søges.",
            "Formandinde/formand",
            "Forperson",
            "Forperson søges.",
        ),
        // The neutral title beside the gendered one.
        (
            "Vi søger en tjener/servitrice.",
            "tjener/servitrice",
            "tjener",
            "Vi søger en tjener.",
        ),
        (
            "Vi søger en lærer/lærerinde.",
            "lærer/lærerinde",
            "lærer",
            "Vi søger en lærer.",
        ),
        // Productive heads.
        (
            "Vi søger en opvaskedreng/-pige.",
            "opvaskedreng/-pige",
            "opvaskemedarbejder",
            "Vi søger en opvaskemedarbejder.",
        ),
        (
            "Vi søger en kantinedame/-mand.",
            "kantinedame/-mand",
            "kantinemedarbejder",
            "Vi søger en kantinemedarbejder.",
        ),
        (
            "BRANDMAND/-KVINDE SØGES.",
            "BRANDMAND/-KVINDE",
            "BRANDBEKÆMPER",
            "BRANDBEKÆMPER SØGES.",
        ),
    ];
    let mut bad = Vec::new();
    let off = {
        let mut o = Options::default();
        o.binary_pair_level = biasvask::diagnostic::Level::Off;
        o
    };
    for &(src, pair, first, fixed) in cases {
        let (f, got) = findings_and_fix(&e, src, Format::Text, &Options::default());
        let one = f.len() == 1
            && f[0].0 == Rule::GenderedTerm
            && f[0].1 == Severity::Info
            && f[0].2 == pair
            && f[0].3.first().map(String::as_str) == Some(first);
        if !one || got != fixed {
            bad.push(format!(
                "«{src}»: want {pair:?} -> {first:?}, {fixed:?}; got {f:?}, {got:?}"
            ));
        }
        // The fix is the first suggestion in place of the pair, and nothing in it is flagged.
        let (again, _) = findings_and_fix(&e, &got, Format::Text, &Options::default());
        if !again.is_empty() {
            bad.push(format!("«{got}» (fixed) is flagged: {again:?}"));
        }
        // Binary pairs turned off: nothing at all (neither half, nor a preference).
        let (quiet, _) = findings_and_fix(&e, src, Format::Text, &off);
        if !quiet.is_empty() {
            bad.push(format!("«{src}» with binary pairs off: {quiet:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // Not pairs: another title, the same sex, a second suggestion beside it, a space before the
    // parenthesis (a preference, «Chauffør (mand)»).
    use Rule::{GenderedTerm as T, SexPreference as S};
    check_flags_at(
        &[
            (
                "Vi søger en formand/kasserer.",
                T,
                Severity::Warning,
                "formand",
            ),
            (
                "Vi søger en formand/næstformand.",
                T,
                Severity::Warning,
                "næstformand",
            ),
            (
                "Vi søger en formand/næstformand.",
                T,
                Severity::Warning,
                "formand",
            ),
            (
                "Vi søger en formand/leder.",
                T,
                Severity::Warning,
                "formand",
            ),
            ("Vi søger en formand(e).", T, Severity::Warning, "formand"),
            (
                "Vi søger en formand (kvinde).",
                S,
                Severity::Error,
                "kvinde",
            ),
            (
                "Piger/Kvinder til Rengøringsopgaver",
                S,
                Severity::Error,
                "Piger/Kvinder til",
            ),
        ],
        Format::Text,
    );
    // Both sexes named in the pair: no preference, no team of one sex.
    check_silent(
        &[
            "Mand/kvinde søges til rengøring.",
            "Du bliver en del af drengene/pigerne på lageret.",
        ],
        Format::Text,
    );
}
