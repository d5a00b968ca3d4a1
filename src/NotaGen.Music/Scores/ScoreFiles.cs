using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.MusicXml;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Music.Scores;

/// <summary>How <see cref="ScoreFiles.Load"/> reads a score file.</summary>
/// <param name="UnitDenominator">The unit note length <c>L:1/N</c> of ABC written from MusicXML or MIDI (NotaGen's: 8).</param>
/// <param name="InterleavedAbc">An ABC file is in NotaGen's interleaved form: its rests are restored and it is deinterleaved.</param>
/// <param name="Midi">MIDI import settings (grid, triplets); null = <see cref="MidiImportOptions.Default"/>.</param>
public sealed record ScoreReadOptions(int UnitDenominator = 8, bool InterleavedAbc = false, MidiImportOptions? Midi = null);

/// <summary>How <see cref="ScoreFiles.Save"/> writes a score file.</summary>
/// <param name="InterleavedAbc">ABC is written in NotaGen's form: cleaned, interleaved, rest-reduced, with bar counters.</param>
/// <param name="PlayRepeats">MIDI plays repeats and endings (as abc2midi does); false writes the notated bars once.</param>
public sealed record ScoreWriteOptions(bool InterleavedAbc = false, bool PlayRepeats = true);

/// <summary>
/// The one entry point for score files, like music21's <c>converter.parse</c>: any score file read as standard ABC 2.1
/// text, the form every conversion goes through, and standard ABC written as the format its file name asks for
/// (<see cref="ScoreFormats.Of"/>). MusicXML and MIDI are imported to ABC and exported from the ABC engine's semantics
/// and events. Errors are <see cref="MusicFormatException"/>s naming the file; MIDI import warnings (skipped percussion,
/// an estimated key) go to <c>warn</c>; a file name that is not a score's is an <see cref="ArgumentException"/>.
/// </summary>
public static class ScoreFiles
{
    /// <param name="cancel">Checked as MusicXML or MIDI is read and converted; a conversion given up on stops there.</param>
    public static string Load(string path, ScoreReadOptions? options = null, Action<string>? warn = null, CancellationToken cancel = default)
    {
        options ??= new ScoreReadOptions();
        switch (ScoreFormats.Of(path))
        {
            case ScoreFormat.MusicXml:
                return MusicXmlToAbc.ConvertFile(path, new AbcConversionOptions { UnitDenominator = options.UnitDenominator }, cancel);
            case ScoreFormat.Midi:
                var result = MidiToAbc.ConvertFile(path, (options.Midi ?? MidiImportOptions.Default) with { UnitDenominator = options.UnitDenominator }, cancel);
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

    /// <summary>Writes standard ABC <paramref name="abc"/> to <paramref name="path"/> in the format its extension names, atomically.</summary>
    /// <param name="source">The name errors give the ABC (the file it was read from); null = <paramref name="path"/>.</param>
    /// <param name="cancel">Checked before the file is written: a save given up on writes nothing.</param>
    public static void Save(string abc, string path, ScoreWriteOptions? options = null, string? source = null, CancellationToken cancel = default)
    {
        options ??= new ScoreWriteOptions();
        source ??= path;
        switch (ScoreFormats.Of(path))
        {
            case ScoreFormat.Abc:
                var text = options.InterleavedAbc ? NotaGenText.FromStandardAbc(abc, source) : abc;
                cancel.ThrowIfCancellationRequested();
                AtomicFile.WriteAllText(path, text);
                break;
            case ScoreFormat.MusicXml:
                // The writer reads past syntax errors; a conversion must not pass a damaged score on silently.
                AbcParser.Parse(abc, source, cancel).ThrowIfErrors();
                AbcToMusicXml.WriteFile(abc, path, source, cancel);
                break;
            case ScoreFormat.Midi:
                var document = AbcParser.Parse(abc, source, cancel).ThrowIfErrors();
                if (document.Tunes.Count == 0)
                    throw new MusicFormatException(source, "", "no tune (X:) in the ABC text");
                try
                {
                    var tune = document.Tunes[0];
                    var events = options.PlayRepeats ? tune.ToPlayedScoreEvents(source, cancel) : tune.ToScoreEvents(source, cancel);
                    cancel.ThrowIfCancellationRequested();
                    SmfWriter.WriteFile(MidiExporter.Export(events, cancel: cancel), path, cancel);
                }
                catch (MidiExportException e)
                {
                    throw new MusicFormatException(source, "", e.Message, e);
                }
                break;
            default:
                throw new ArgumentException($"{path}: unknown output format (expected {ScoreFormats.Expected})");
        }
    }
}
