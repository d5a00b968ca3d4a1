using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>
/// Keeps an agreement test's list of known differences true: sampled files where abc2midi and the export differ for a
/// reason that is not an export error (keyed by a part of the file's path). A listed file that differs counts as
/// explained, and its reason goes beside its problem line; a listed file that agrees fails the test.
/// </summary>
internal sealed class KnownDifferenceCheck(IReadOnlyDictionary<string, string> reasons)
{
    private readonly List<string> _agreeingNow = [];

    /// <summary>Listed files that differ, as their reasons say.</summary>
    public int Explained { get; private set; }

    /// <summary>Records one file's outcome; returns what to add to its problem line ("" when it is not listed).</summary>
    public string Record(string name, bool agrees)
    {
        var key = reasons.Keys.FirstOrDefault(k => name.Contains(k, StringComparison.Ordinal));
        if (key is null)
            return "";
        if (agrees)
        {
            _agreeingNow.Add(name);
            return "";
        }
        Explained++;
        return $"\n      known difference, not an export error: {reasons[key]}";
    }

    public void AssertNoneAgreeNow() =>
        Assert.True(_agreeingNow.Count == 0, "listed as known differences but agreeing now (take them off the list): " + string.Join(", ", _agreeingNow));
}
