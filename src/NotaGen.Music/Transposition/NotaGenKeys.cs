using NotaGen.Music.Abc.Fields;

namespace NotaGen.Music.Transposition;

/// <summary>
/// NotaGen's 15 keys (abctoolkit <c>Key2index</c>, reference a.5): every major-key signature from 7 flats to 7 sharps
/// with its semitone index. Enharmonic pairs share an index: C#/Db 1, F#/Gb 6, B/Cb 11. A key with a mode
/// (<c>Am</c>, <c>Ddor</c>, <c>Bbmix</c>) stands for the major key of its signature (<c>Key2Mode</c>).
/// </summary>
public static class NotaGenKeys
{
    /// <summary>The 15 keys in NotaGen's folder order.</summary>
    public static readonly IReadOnlyList<string> All = ["Cb", "C", "C#", "Db", "D", "Eb", "E", "F", "F#", "Gb", "G", "Ab", "A", "Bb", "B"];

    /// <summary>The semitone index of one of the 15 keys (C 0 ... B 11, Cb 11).</summary>
    public static int IndexOf(string key) => All.Contains(key)
        ? SpelledPitch.Parse(key)!.Value.PitchClass
        : throw new ArgumentException($"'{key}' is not one of NotaGen's 15 keys ({string.Join(" ", All)})", nameof(key));

    /// <summary>
    /// The major key with the same signature as a K: value: <c>G</c> → G, <c>Am</c> → C, <c>Ddor</c> → C,
    /// <c>F#min</c> → A, <c>none</c> → C (NotaGen reads K:none as C). Null when the value names no key.
    /// </summary>
    public static SpelledPitch? SignatureKey(string keyValue)
    {
        var trimmed = keyValue.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith("none", StringComparison.Ordinal))
            return new SpelledPitch('C', 0);
        if (trimmed[0] is < 'A' or > 'G')
            return null;
        var key = KeySignature.Parse(trimmed, out var error);
        return error is null || key.Tonic.Length > 0 ? SpelledPitch.FromFifths(key.Fifths) : null;
    }

    /// <summary>The name among the 15 for an index, with NotaGen's default for the shared indices (Db, F#, B).</summary>
    public static string NameOf(int index) => SpelledPitch.Mod(index, 12) switch
    {
        0 => "C",
        1 => "Db",
        2 => "D",
        3 => "Eb",
        4 => "E",
        5 => "F",
        6 => "F#",
        7 => "G",
        8 => "Ab",
        9 => "A",
        10 => "Bb",
        _ => "B",
    };
}
