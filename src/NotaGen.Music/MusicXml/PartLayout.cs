using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Semantics;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// One MusicXML part: its staves, each holding the ABC voices written on it. From <c>%%score</c>: a braced group
/// <c>{ (1 2) | (3 4) }</c> is one part of two staves; a parenthesised group <c>(1 2)</c> is one staff; a bracketed
/// group <c>[ 1 2 ]</c> only groups parts; any other voice is a part of one staff.
/// </summary>
internal sealed record PartLayout(IReadOnlyList<IReadOnlyList<AbcVoice>> Staves)
{
    public IEnumerable<AbcVoice> Voices => Staves.SelectMany(s => s);

    /// <summary>The parts for <paramref name="voices"/> (those with music); voices the layout leaves out follow as parts of their own.</summary>
    public static List<PartLayout> From(ScoreLayout? layout, IReadOnlyList<AbcVoice> voices)
    {
        var byId = voices.GroupBy(v => v.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<PartLayout>();

        List<AbcVoice> Take(IEnumerable<string> ids) =>
            ids.Where(id => byId.ContainsKey(id) && placed.Add(id)).Select(id => byId[id]).ToList();

        void Add(IEnumerable<IEnumerable<string>> staves)
        {
            var taken = staves.Select(Take).Where(s => s.Count > 0).ToList();
            if (taken.Count > 0)
                parts.Add(new PartLayout(taken));
        }

        void Walk(IEnumerable<ScoreItem> items)
        {
            foreach (var item in items)
            {
                switch (item)
                {
                    case ScoreVoice v:
                        Add([[v.Id]]);
                        break;
                    case ScoreGroup { Bracket: '(' } g:
                        Add([g.VoiceIds]);
                        break;
                    case ScoreGroup { Bracket: '{' } g:
                        Add(new ScoreLayout(g.Items).Staves);
                        break;
                    case ScoreGroup g:
                        Walk(g.Items);
                        break;
                }
            }
        }

        if (layout is not null)
            Walk(layout.Items);
        foreach (var voice in voices)
            Add([[voice.Id]]);
        return parts;
    }
}
