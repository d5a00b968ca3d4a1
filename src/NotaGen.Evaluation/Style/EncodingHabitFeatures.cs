namespace NotaGen.Evaluation.Style;

/// <summary>
/// The handcrafted features that say more about how a source was encoded than about the music's style, and a way to
/// leave them out. A fixed list, chosen for the encoding reasons given beside each name, and confirmed on the shared
/// corpus by an analysis outside the workbench (README, "Style classifiers"): within one period and instrumentation these
/// features differ between sources far more (one-way F of source means) than they differ between periods within one
/// source and instrumentation. Fixed rather than selected per fold, so that no label of a held-out fold can choose it.
/// </summary>
public static class EncodingHabitFeatures
{
    /// <summary>The <see cref="TextureFeatures.Names"/> left out, each with the habit it records.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        // Voice layout: one keyboard piece is one voice in a MIDI track, two staves in one source, four voices in another.
        "voices=1", "voices=2",
        // Clefs exist only where the format has them (none in MIDI), so their shares follow the file format.
        "clef treble", "clef bass", "clef other/none",
        // Part names are metadata an encoder may or may not write ("Piano", "Pno.", nothing); the vocal, string and wind
        // names stay: they are rarely left out where the parts exist, and they carry the instrumentation.
        "name keyboard", "name none",
        // Restating the key or meter (MIDI meta events per track, pickup bars written as meter changes) is a habit of the
        // converter as much as a modulation or metric change of the music; the harmony features measure modulation from the notes.
        "key changes", "meter changes",
        // A tempo marking and its value are written by some sources (always in MIDI, rarely in the DCML or OpenScore scores).
        "tempo given", "tempo",
        // Performed or unquantised MIDI turns plain rhythms into tuplets and grace-like short notes.
        "tuplet notes", "short notes",
    ];

    /// <summary>Positions of <see cref="Names"/> in the handcrafted feature vector (<see cref="StyleFeatures"/>), ascending.</summary>
    public static IReadOnlyList<int> Indices { get; } = Names.Select(IndexOf).Order().ToArray();

    private static int IndexOf(string name)
    {
        var texture = Array.IndexOf(TextureFeatures.Names, name);
        if (texture < 0) throw new InvalidOperationException($"no texture feature is named '{name}'");
        return StyleFeatures.PitchRhythmLength + texture;
    }

    /// <summary>The handcrafted features without the encoding habits (<see cref="StyleFeatures.Length"/> − <see cref="Names"/> numbers).</summary>
    public static double[] Remove(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != StyleFeatures.Length)
            throw new ArgumentException($"the encoding habits are handcrafted features: expected {StyleFeatures.Length} numbers, got {features.Length} (another feature family?)", nameof(features));
        var kept = new double[features.Length - Indices.Count];
        var n = 0;
        var skip = 0;
        for (var j = 0; j < features.Length; j++)
        {
            if (skip < Indices.Count && Indices[skip] == j)
            {
                skip++;
                continue;
            }
            kept[n++] = features[j];
        }
        return kept;
    }
}
