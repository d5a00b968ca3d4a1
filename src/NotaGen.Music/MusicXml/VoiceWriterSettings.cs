using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>What a <see cref="VoicePartWriter"/> needs: the voice, its place in the part, and the divisions of each measure.</summary>
/// <param name="Staff">1-based staff of the voice in its part.</param>
/// <param name="Staves">Staves of the part (staff numbers are written only when more than one).</param>
/// <param name="VoiceNumber">The MusicXML voice of the ABC voice's main lane.</param>
/// <param name="ExtraVoiceNumber">The MusicXML voice of lane n (n ≥ 1) for overlapping notes.</param>
/// <param name="OwnsClef">True for the first voice of a staff: its clef changes are the staff's.</param>
/// <param name="CarriesTempo">True for the voice that writes the tempo marks (the first of the first part).</param>
/// <param name="StaffClef">The clef of a staff of the part at (bar, time).</param>
/// <param name="SpanNumber">The number of the voice's wedges: one per voice of the score, so that readers that match
/// wedge ends by number across parts (xml2abc does, and ours after it) pair each end with its own start.</param>
internal sealed record VoiceWriterSettings(
    AbcTuneSemantics Tune,
    AbcVoice Voice,
    IReadOnlyList<long> Divisions,
    int Staff,
    int Staves,
    string VoiceNumber,
    Func<int, string> ExtraVoiceNumber,
    bool OwnsClef,
    bool CarriesTempo,
    int SpanNumber,
    Func<int, int, Rational, string?> StaffClef);
