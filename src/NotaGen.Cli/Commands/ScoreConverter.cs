using NotaGen.Music.Midi.Import;
using NotaGen.Music.Scores;

namespace NotaGen.Cli.Commands;

/// <summary>What <c>notagen convert</c> was asked for besides the two paths.</summary>
/// <param name="Interleaved">
/// The ABC side is NotaGen's interleaved form: ABC written is cleaned, interleaved, rest-reduced and given bar counters;
/// ABC read (towards MusicXML or MIDI) gets its rests restored and is deinterleaved first.
/// </param>
/// <param name="PlayRepeats">MIDI written from ABC plays repeats and endings (as abc2midi does); false writes the notated bars once.</param>
internal sealed record ConversionSettings(int UnitDenominator, bool Interleaved, MidiImportOptions MidiImport, bool PlayRepeats = true);

/// <summary>
/// One file from any of the formats to any other, always through standard ABC (<see cref="ScoreFiles"/> reads and
/// writes each format). Warnings (a MIDI file's skipped percussion, an estimated key) go to <paramref name="warn"/>.
/// </summary>
internal static class ScoreConverter
{
    /// <param name="cancel">Checked as MusicXML is read and between the steps, and before the output is written: a conversion
    /// given up on (folder mode's time limit) stops and writes nothing.</param>
    public static void Convert(string source, string target, ConversionSettings settings, Action<string> warn, CancellationToken cancel = default)
    {
        var from = ScoreFormats.Of(source) ?? throw new ArgumentException($"{source}: unknown input format (expected {ScoreFormats.Expected})");
        var to = ScoreFormats.Of(target) ?? throw new ArgumentException($"{target}: unknown output format (expected {ScoreFormats.Expected})");
        if (from == to && !(from == ScoreFormat.Abc && settings.Interleaved))
            throw new ArgumentException($"{source} and {target} are both {from}: nothing to convert");

        // .abc → .abc with --interleaved turns standard ABC into NotaGen's form; otherwise --interleaved describes the input.
        var read = new ScoreReadOptions(settings.UnitDenominator, InterleavedAbc: settings.Interleaved && to != ScoreFormat.Abc, settings.MidiImport);
        var abc = ScoreFiles.Load(source, read, warn, cancel);
        cancel.ThrowIfCancellationRequested();
        ScoreFiles.Save(abc, target, new ScoreWriteOptions(InterleavedAbc: settings.Interleaved, settings.PlayRepeats), source, cancel);
    }
}
