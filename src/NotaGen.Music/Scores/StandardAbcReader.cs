using NotaGen.Music.Midi.Import;
using NotaGen.Music.MusicXml;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Music.Scores;

/// <summary>How <see cref="StandardAbcReader"/> reads a score file.</summary>
/// <param name="UnitDenominator">The unit note length <c>L:1/N</c> of ABC written from MusicXML or MIDI (NotaGen's: 8).</param>
/// <param name="InterleavedAbc">An ABC file is in NotaGen's interleaved form: its rests are restored and it is deinterleaved.</param>
/// <param name="Midi">MIDI import settings (grid, triplets); null = <see cref="MidiImportOptions.Default"/>.</param>
public sealed record ScoreReadOptions(int UnitDenominator = 8, bool InterleavedAbc = false, MidiImportOptions? Midi = null);

/// <summary>
/// Any score file as standard ABC 2.1 text, the form every conversion goes through: MusicXML and MIDI are imported,
/// ABC is read as it is (or restored and deinterleaved when it is in NotaGen's form). Errors are
/// <see cref="MusicFormatException"/>s naming the file; MIDI import warnings (skipped percussion, an estimated key) go to
/// <paramref name="warn"/>.
/// </summary>
public static class StandardAbcReader
{
    /// <param name="cancel">Checked as MusicXML is read and converted; a conversion given up on stops there.</param>
    public static string ReadFile(string path, ScoreReadOptions options, Action<string>? warn = null, CancellationToken cancel = default)
    {
        switch (ScoreFormats.Of(path))
        {
            case ScoreFormat.MusicXml:
                return MusicXmlToAbc.ConvertFile(path, new AbcConversionOptions { UnitDenominator = options.UnitDenominator }, cancel);
            case ScoreFormat.Midi:
                var result = MidiToAbc.ConvertFile(path, (options.Midi ?? MidiImportOptions.Default) with { UnitDenominator = options.UnitDenominator });
                foreach (var warning in result.Warnings)
                    warn?.Invoke($"{path}: {warning}");
                return result.Abc;
            case ScoreFormat.Abc:
                var text = File.ReadAllText(path);
                // Interleaved ABC as a model writes it: rests restored first, then one section per voice.
                return options.InterleavedAbc ? Deinterleaver.Deinterleave(RestUnreducer.Unreduce(text, path), path) : text;
            default:
                throw new ArgumentException($"{path}: unknown score format (expected {ScoreFormats.Expected})");
        }
    }
}
