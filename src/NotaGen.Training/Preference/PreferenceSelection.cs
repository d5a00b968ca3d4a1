using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Training.Preference;

/// <summary>
/// NotaGen's preference-set construction (reference e.3) for one prompt: rank the sampled pieces by score; chosen =
/// the top <see cref="Portion"/> walking down the ranking past pieces the scorer's filters exclude; rejected = the raw
/// bottom <see cref="Portion"/>, unfiltered; pairs = every chosen × every rejected.
/// </summary>
public sealed record PreferenceSelection(IPieceScorer Scorer, double Portion = 0.1)
{
    public IReadOnlyList<PreferencePair> Select(string prompt, StylePrompt? labels, IReadOnlyList<string> candidates)
    {
        var quota = Math.Max(1, (int)Math.Round(candidates.Count * Portion));
        var ranked = candidates.Select(c => (Text: c, Score: Scorer.Score(c, labels)))
            .Select((c, i) => (c.Text, c.Score, Index: i))
            .OrderByDescending(c => c.Score.Value).ThenBy(c => c.Index) // ties keep sampling order: deterministic
            .ToList();
        var chosen = ranked.Where(c => c.Score.Eligible).Take(quota).ToList();
        var rejected = ranked.AsEnumerable().Reverse().Take(quota).Where(r => chosen.All(c => c.Index != r.Index)).ToList();
        return [.. chosen.SelectMany(c => rejected.Select(r => new PreferencePair { Prompt = prompt, Labels = labels, Chosen = c.Text, Rejected = r.Text }))];
    }
}
