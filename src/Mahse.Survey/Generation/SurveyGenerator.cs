using Mahse.Survey.Model;

namespace Mahse.Survey.Generation;

/// <summary>
/// Deterministic synthetic survey responses (same count and seed, same data), clearly marked synthetic: the
/// region's NHS trusts and universities, real specialism names, activity counts that rise with career stage and
/// with a few research-active organisations, and consent to contact for about a third of respondents. It uses its
/// own <see cref="Random"/> sequence (never shared), so the same seed gives the same rows on any machine and .NET version
/// that keeps System.Random(seed) stable.
/// </summary>
public static class SurveyGenerator
{
    public static readonly IReadOnlyList<(string Name, string Kind, string SubRegion, double ResearchWeight)> Organisations =
    [
        ("Manchester University NHS Foundation Trust", "NHS trust", "Greater Manchester", 2.2),
        ("Northern Care Alliance NHS Foundation Trust", "NHS trust", "Greater Manchester", 1.4),
        ("The Christie NHS Foundation Trust", "NHS trust", "Greater Manchester", 2.5),
        ("Stockport NHS Foundation Trust", "NHS trust", "Greater Manchester", 0.8),
        ("Wrightington, Wigan and Leigh Teaching Hospitals NHS Foundation Trust", "NHS trust", "Greater Manchester", 0.9),
        ("Bolton NHS Foundation Trust", "NHS trust", "Greater Manchester", 0.8),
        ("Tameside and Glossop Integrated Care NHS Foundation Trust", "NHS trust", "Greater Manchester", 0.6),
        ("Liverpool University Hospitals NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 1.9),
        ("Alder Hey Children's NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 1.6),
        ("Liverpool Heart and Chest Hospital NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 1.5),
        ("The Clatterbridge Cancer Centre NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 1.7),
        ("The Walton Centre NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 1.3),
        ("Wirral University Teaching Hospital NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 0.9),
        ("Countess of Chester Hospital NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 0.7),
        ("Mid Cheshire Hospitals NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 0.7),
        ("Warrington and Halton Teaching Hospitals NHS Foundation Trust", "NHS trust", "Cheshire and Merseyside", 0.8),
        ("Mersey and West Lancashire Teaching Hospitals NHS Trust", "NHS trust", "Cheshire and Merseyside", 0.8),
        ("Lancashire Teaching Hospitals NHS Foundation Trust", "NHS trust", "Lancashire and South Cumbria", 1.2),
        ("East Lancashire Hospitals NHS Trust", "NHS trust", "Lancashire and South Cumbria", 0.8),
        ("Blackpool Teaching Hospitals NHS Foundation Trust", "NHS trust", "Lancashire and South Cumbria", 0.8),
        ("University Hospitals of Morecambe Bay NHS Foundation Trust", "NHS trust", "Lancashire and South Cumbria", 0.7),
        ("North Cumbria Integrated Care NHS Foundation Trust", "NHS trust", "Cumbria", 0.6),
        ("Manchester Metropolitan University", "University", "Greater Manchester", 1.8),
        ("University of Liverpool", "University", "Cheshire and Merseyside", 1.8),
    ];

    private static readonly string[] Sites = ["Main hospital", "Pathology laboratory", "Outpatient centre", "Community diagnostics centre", "Cancer centre", "Children's hospital"];
    private static readonly string[] FirstNames = ["Alex", "Sam", "Priya", "Tom", "Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jack", "Kiran", "Lucy", "Mo", "Nia", "Owen", "Ruth"];
    private static readonly string[] LastNames = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Murphy", "Nolan", "Owen", "Patel", "Roberts", "Smith", "Taylor", "Walsh"];
    private static readonly string[] CommentStarts =
    [
        "We audit turnaround times every quarter and want to publish the results.",
        "Protected time for research would make the biggest difference in our department.",
        "Our team led a service improvement project that cut waiting lists for {0}.",
        "I would like support to apply for my first research grant in {0}.",
        "Access to anonymised data is the main barrier to evaluating innovations in {0}.",
        "We piloted a new pathway in {0} and need help with the statistics.",
        "Mentoring from experienced researchers would help early-career scientists here.",
        "Innovation ideas come from the bench but there is no route to develop them.",
    ];

    public static IEnumerable<SurveyRecord> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var organisation = Pick(random, Organisations, o => o.Kind == "NHS trust" ? 3.0 : 1.0);
            var division = Pick(random, SurveyVocabulary.Divisions, d => d switch { "Life sciences" => 4.0, "Physiological sciences" => 3.5, "Physical sciences and biomedical engineering" => 2.0, _ => 0.6 });
            var specialism = SurveyVocabulary.Specialisms[division][random.Next(SurveyVocabulary.Specialisms[division].Count)];
            var stageIndex = Math.Min(SurveyVocabulary.CareerStages.Count - 1, (int)Math.Floor(Math.Abs(Normal(random, 2.6, 1.4))));
            var stage = SurveyVocabulary.CareerStages[stageIndex];
            var activity = (stageIndex + 1) / 3.0 * organisation.ResearchWeight;
            var activities = new Dictionary<string, int>
            {
                ["audit"] = Poisson(random, 2.0 * activity + 0.5),
                ["serviceImprovement"] = Poisson(random, 1.5 * activity + 0.3),
                ["research"] = Poisson(random, 0.9 * activity),
                ["innovation"] = Poisson(random, 0.6 * activity),
                ["publication"] = Poisson(random, 0.7 * activity * (stageIndex >= 3 ? 1.5 : 0.5)),
                ["grantHolding"] = Poisson(random, 0.2 * activity * (stageIndex >= 4 ? 2 : 0.3)),
            };
            var barriers = SurveyVocabulary.Barriers.Where(b => random.NextDouble() < (b == "time" ? 0.75 : 0.35)).ToList();
            var needs = SurveyVocabulary.TrainingNeeds.Where(_ => random.NextDouble() < 0.25).ToList();
            var champion = random.NextDouble() < 0.12 + 0.05 * stageIndex + 0.03 * organisation.ResearchWeight;
            var consent = random.NextDouble() < (champion ? 0.6 : 0.25);
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var comment = random.NextDouble() < 0.6 ? string.Format(CommentStarts[random.Next(CommentStarts.Length)], specialism.ToLowerInvariant()) : null;
            yield return new SurveyRecord(
                $"SYN-{seed}-{i + 1:D6}", organisation.Name, organisation.Kind, Sites[random.Next(Sites.Length)], organisation.SubRegion, division, specialism, stage,
                $"Band {Math.Min(9, 3 + stageIndex + random.Next(0, 2))}", activities, barriers, needs, champion, comment,
                consent, consent ? $"{first} {last}" : null, consent ? $"{first}.{last}.{i + 1}@synthetic.example".ToLowerInvariant() : null, IsSynthetic: true);
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var roll = random.NextDouble() * total;
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll <= 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static double Normal(Random random, double mean, double deviation) =>
        mean + deviation * Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Sin(2.0 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double lambda)
    {
        var limit = Math.Exp(-Math.Max(0.01, lambda));
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit && k < 100);
        return k - 1;
    }
}
