using System.Globalization;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>The ABC text of an imported MIDI file and what the import decided or repaired on the way.</summary>
/// <param name="KeyEstimated">True when the file had no key signature and the key was estimated (Krumhansl–Schmuckler).</param>
/// <param name="Grid">The straight quantisation step used: the options' grid, or a finer one the file's onsets sit on.</param>
public sealed record MidiImportResult(string Abc, AbcTune Tune, ImportedKey Key, bool KeyEstimated, IReadOnlyList<string> Warnings, Rational Grid);

/// <summary>
/// Standard MIDI File → ABC: each track's notes on each channel become a part (channel 10, percussion, is left
/// out), quantised to a grid chosen beat by beat (straight, or triplets where they fit better), split into chords and
/// voices, barred from the time-signature map with ties across bar lines, in the key of the key-signature event
/// or, without one, the key Krumhansl–Schmuckler finds; written with <see cref="AbcWriter"/>.
/// </summary>
public static class MidiToAbc
{
    /// <param name="cancel">Checked inside every step of the import (the reader's events, the note collector, the
    /// quantiser's windows and notes, the voice splitter's chords, each bar written): an import given up on (folder
    /// mode's time limit) stops promptly with <see cref="OperationCanceledException"/>.</param>
    public static MidiImportResult ConvertFile(string path, MidiImportOptions? options = null, CancellationToken cancel = default)
    {
        var file = SmfReader.ReadFile(path, cancel);
        return Convert(file, path, options, cancel);
    }

    public static MidiImportResult Convert(MidiFile file, string fileName, MidiImportOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= MidiImportOptions.Default;
        options.Validate();
        var warnings = new List<string>();
        var parts = MidiNoteCollector.Collect(file, warnings, cancel);
        cancel.ThrowIfCancellationRequested();
        if (parts.Count == 0)
            throw new MusicFormatException(fileName, "", "the file has no pitched notes to import" + (warnings.Count > 0 ? $" ({string.Join("; ", warnings)})" : ""));

        var grid = GridRefiner.Choose(parts.SelectMany(p => p.Notes).Select(n => n.OnTick).ToList(), file.TicksPerQuarter, options, cancel);
        if (grid != options.Grid)
            options = options with { Grid = grid };
        var wholeNote = 4L * file.TicksPerQuarter;
        Rational Snap(long tick) => Straight(new Rational(tick, wholeNote), options.Grid);
        var conductor = file.MergedEvents().Select(p => p.Event).ToList();
        var bars = new BarMap(conductor.OfType<TimeSignatureEvent>().Select(m => (Snap(m.Tick), m.Numerator, m.Denominator)));
        var last = parts.SelectMany(p => p.Notes).MaxBy(n => n.OffTick)!;
        if (last.OffTick / file.TicksPerQuarter > MidiLimits.MaxImportedQuarterNotes)
            throw new MusicFormatException(fileName, $"track {last.Track}, tick {last.OffTick}",
                $"a note ends {last.OffTick / file.TicksPerQuarter} quarter notes into the piece, past the import limit of {MidiLimits.MaxImportedQuarterNotes}");
        var rawEnd = new Rational(last.OffTick, wholeNote);
        if (!bars.Cover(rawEnd + options.Grid, MidiLimits.MaxImportedBars, cancel))
            throw new MusicFormatException(fileName, $"tick {last.OffTick}",
                $"the piece would need more than {MidiLimits.MaxImportedBars} bars in its meters (the import limit); a meter like 1/1024 cuts it too fine");

        var rawTimes = parts.SelectMany(p => p.Notes)
            .SelectMany(n => new[] { new Rational(n.OnTick, wholeNote), new Rational(n.OffTick, wholeNote) })
            .ToList();
        cancel.ThrowIfCancellationRequested();
        var quantizer = Quantizer.Build(bars.Bars, rawTimes, options, cancel);
        cancel.ThrowIfCancellationRequested();
        var quantised = parts.Select(p => quantizer.Quantise(p.Notes, file.TicksPerQuarter, cancel)).ToList();
        cancel.ThrowIfCancellationRequested();
        var end = quantised.SelectMany(q => q).Max(n => n.End);
        var usedBars = bars.Bars.Take(bars.IndexOf(end - new Rational(1, 1 << 20)) + 1).ToList();

        var keyEvents = conductor.OfType<KeySignatureEvent>().ToList();
        var keyEstimated = keyEvents.Count == 0;
        var firstKey = keyEstimated
            ? KeyEstimator.Estimate(quantised.SelectMany(q => q).Select(n => (n.Key, n.Duration)))
            : new ImportedKey(keyEvents[0].Fifths, keyEvents[0].Minor);
        var keyByBar = KeysByBar(keyEvents, firstKey, bars, Snap, usedBars.Count);
        var tempoByBar = TemposByBar(conductor.OfType<SetTempoEvent>(), bars, Snap, usedBars.Count);

        var triplets = quantizer.TripletWindows(options).ToList();
        var header = new List<AbcLine>
        {
            new AbcFieldLine('X', "1"),
            new AbcFieldLine('T', Title(file, parts, fileName)),
        };
        var body = new List<AbcLine>();
        var scoreGroups = new List<string>();
        var voiceNumber = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            cancel.ThrowIfCancellationRequested();
            var voices = VoiceSplitter.Split(quantised[p], cancel);
            if (voiceNumber + voices.Count > ScoreLimits.MaxVoices)
                throw new MusicFormatException(fileName, $"track {parts[p].Track}, channel {parts[p].Channel + 1}",
                    $"the notes need more than {ScoreLimits.MaxVoices} voices (the import limit)");
            var clef = quantised[p].Average(n => n.Key) < 57 ? "bass" : "treble";
            var ids = new List<int>();
            for (var v = 0; v < voices.Count; v++)
            {
                cancel.ThrowIfCancellationRequested();
                var id = ++voiceNumber;
                ids.Add(id);
                header.Add(new AbcFieldLine('V', VoiceDefinition(id, clef, v == 0 ? parts[p].Name : null)));
                var spellers = new Dictionary<ImportedKey, PitchSpeller>();
                var builder = new AbcVoiceBuilder(usedBars, triplets, options, invisibleRests: v > 0);
                var barElements = builder.Build(voices[v], b =>
                {
                    var key = keyByBar[b];
                    if (!spellers.TryGetValue(key, out var speller))
                        spellers[key] = speller = new PitchSpeller(key.Fifths, key.Minor);
                    return speller;
                }, cancel);
                body.Add(new AbcFieldLine('V', id.ToString(CultureInfo.InvariantCulture)));
                body.AddRange(MusicLines(barElements, usedBars, keyByBar, id == 1 ? tempoByBar : null));
            }
            scoreGroups.Add(ids.Count == 1 ? ids[0].ToString(CultureInfo.InvariantCulture) : $"({string.Join(' ', ids)})");
        }
        if (voiceNumber > 1)
            header.Insert(2, new AbcDirectiveLine("score", string.Join(' ', scoreGroups)));
        var fieldsAt = header.FindIndex(l => l is AbcFieldLine { Letter: 'V' });
        var fields = new List<AbcLine> { new AbcFieldLine('L', $"1/{options.UnitDenominator}") };
        if (tempoByBar.TryGetValue(0, out var tempo))
            fields.Add(new AbcFieldLine('Q', tempo));
        fields.Add(new AbcFieldLine('M', $"{usedBars[0].Numerator}/{usedBars[0].Denominator}"));
        fields.Add(new AbcFieldLine('K', firstKey.AbcName));
        header.InsertRange(fieldsAt, fields);
        if (keyEstimated)
            warnings.Add($"no key signature in the file; K:{firstKey.AbcName} estimated from the notes (Krumhansl–Schmuckler)");

        var tune = new AbcTune(header, body, []);
        return new MidiImportResult(AbcWriter.Write(tune), tune, firstKey, keyEstimated, warnings, options.Grid);
    }

    private static Rational Straight(Rational time, Rational grid) => grid * (time / grid + new Rational(1, 2)).Floor();

    /// <summary>The key in force in each bar: a change takes effect at the bar that holds it, or the next bar when it falls inside one.</summary>
    private static ImportedKey[] KeysByBar(List<KeySignatureEvent> events, ImportedKey first, BarMap bars, Func<long, Rational> snap, int count)
    {
        var keys = new ImportedKey[count];
        Array.Fill(keys, first);
        foreach (var e in events.OrderBy(e => e.Tick).Skip(1))
        {
            var time = snap(e.Tick);
            var index = bars.IndexOf(time);
            if (bars.Bars[index].Start < time)
                index++;
            for (var b = index; b < count; b++)
                keys[b] = new ImportedKey(e.Fifths, e.Minor);
        }
        return keys;
    }

    /// <summary>Q: values by bar, where the tempo changes (the last change within a bar wins).</summary>
    private static Dictionary<int, string> TemposByBar(IEnumerable<SetTempoEvent> events, BarMap bars, Func<long, Rational> snap, int count)
    {
        var result = new Dictionary<int, string>();
        string? previous = null;
        foreach (var group in events.GroupBy(e => bars.IndexOf(snap(e.Tick))).OrderBy(g => g.Key))
        {
            if (group.Key >= count)
                break;
            var bpm = (int)Math.Round(group.Last().BeatsPerMinute);
            var value = $"1/4={bpm.ToString(CultureInfo.InvariantCulture)}";
            if (value != previous)
                result[group.Key] = value;
            previous = value;
        }
        return result;
    }

    private static IEnumerable<AbcLine> MusicLines(
        List<List<AbcElement>> barElements, IReadOnlyList<Bar> bars, ImportedKey[] keyByBar, Dictionary<int, string>? tempoByBar)
    {
        const int BarsPerLine = 4;
        var line = new List<AbcElement>();
        for (var b = 0; b < barElements.Count; b++)
        {
            if (b > 0 && (bars[b].Numerator, bars[b].Denominator) != (bars[b - 1].Numerator, bars[b - 1].Denominator))
                line.Add(new AbcInlineField('M', $"{bars[b].Numerator}/{bars[b].Denominator}"));
            if (b > 0 && keyByBar[b] != keyByBar[b - 1])
                line.Add(new AbcInlineField('K', keyByBar[b].AbcName));
            if (b > 0 && tempoByBar is not null && tempoByBar.TryGetValue(b, out var tempo))
                line.Add(new AbcInlineField('Q', tempo));
            line.AddRange(barElements[b]);
            line.Add(new AbcSpace(" "));
            line.Add(new AbcBarline(b == barElements.Count - 1 ? "|]" : "|"));
            if ((b + 1) % BarsPerLine == 0 || b == barElements.Count - 1)
            {
                yield return new AbcMusicLine(line);
                line = [];
            }
            else
            {
                line.Add(new AbcSpace(" "));
            }
        }
    }

    private static string VoiceDefinition(int id, string clef, string? name)
    {
        var text = $"{id} {clef}";
        var clean = name?.Replace('"', '\'').Replace('\n', ' ').Replace('\r', ' ').Trim();
        return string.IsNullOrEmpty(clean) ? text : $"{text} nm=\"{clean}\"";
    }

    /// <summary>The name of a track without notes (format 1 files name the piece there), else the file name.</summary>
    private static string Title(MidiFile file, List<MidiPart> parts, string fileName)
    {
        var noteTracks = parts.Select(p => p.Track).ToHashSet();
        for (var t = 0; t < file.Tracks.Count; t++)
        {
            if (!noteTracks.Contains(t + 1) && !string.IsNullOrWhiteSpace(file.Tracks[t].Name))
                return file.Tracks[t].Name!.Replace('\n', ' ').Trim();
        }
        return Path.GetFileNameWithoutExtension(fileName);
    }
}
