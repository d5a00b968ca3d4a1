using System.Collections.Concurrent;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.Abc;

/// <summary>
/// Independent check of bar durations: for every golden xml2abc file, the bar durations of every voice agree with
/// the ones abc2midi writes to barloc.txt (abc2midi -c), on at least 99% of the files.
/// </summary>
public sealed partial class AbcBarDurationAgreementTests(ITestOutputHelper output)
{
    /// <summary>
    /// Files where abc2midi's barloc is no independent reference:
    /// - the engine reports syntax errors (xml2abc wrote broken ABC: grace groups across bar lines, raw line breaks
    ///   inside names and lyrics); what a bar holds there is a matter of error recovery;
    /// - a note or rest length has a denominator that is not a power of two (xml2abc writes x287/48, B4/9 for
    ///   irregular tuplets): abc2midi's bar arithmetic goes wrong on them, e.g. "a8 | b3 b2/3 b2/3 b2 | a8 |" is
    ///   reported as a bar of 1/2 unit and "b2/3 b2/3 b2/3 b6 |" loses a bar;
    /// - tuplets nested in tuplets, which abc2midi does not nest ((3:2:9BB (5:2:5BBBBB BB).
    /// </summary>
    private static string? ExclusionReason(string text)
    {
        var document = AbcParser.Parse(text);
        if (document.HasErrors)
            return "syntax errors";
        var activeTupletNotes = 0;
        foreach (var line in document.Tunes.SelectMany(t => t.Body).OfType<AbcMusicLine>())
        {
            foreach (var element in line.Elements)
            {
                var length = element switch
                {
                    AbcNote n => n.Length.Multiplier,
                    AbcRest r => r.Length.Multiplier,
                    AbcChord c => c.Length.Multiplier * (c.Notes.FirstOrDefault()?.Length.Multiplier ?? Rational.One),
                    _ => (Rational?)null,
                };
                if (length is { } l && (l.Denominator & (l.Denominator - 1)) != 0)
                    return "a length whose denominator is not a power of two";
                if (element is AbcTuplet tuplet)
                {
                    if (activeTupletNotes > 0)
                        return "nested tuplets";
                    activeTupletNotes = tuplet.R ?? tuplet.P;
                }
                else if (length is not null && activeTupletNotes > 0)
                {
                    activeTupletNotes--;
                }
            }
        }
        return null;
    }

    [SkippableFact]
    public void Bar_durations_agree_with_abc2midi_on_the_golden_files()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var files = SharedData.Files("golden/xml2abc", ".abc");
        var disagreements = new ConcurrentBag<string>();
        var excluded = new ConcurrentBag<string>();
        var compared = 0;
        using var temp = new TempDirectory("barloc");
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, (file, _, index) =>
        {
            var work = Path.Combine(temp.Path, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(work);
            var text = File.ReadAllText(file);
            var problem = Compare(abc2midi, text, work);
            var name = Path.GetRelativePath(SharedData.Require(), file);
            if (ExclusionReason(text) is { } reason)
            {
                excluded.Add($"{name}: {reason}; {problem ?? "agrees"}");
            }
            else
            {
                Interlocked.Increment(ref compared);
                if (problem is not null)
                    disagreements.Add($"{name}: {problem}");
            }
            Directory.Delete(work, recursive: true);
        });
        var rate = 1.0 - (double)disagreements.Count / compared;
        output.WriteLine($"bar durations agree with abc2midi on {compared - disagreements.Count} of {compared} files ({rate:P2})");
        foreach (var line in disagreements.Order(StringComparer.Ordinal))
            output.WriteLine("  " + line);
        output.WriteLine($"{excluded.Count} files not counted (see ExclusionReason); on these the engine and abc2midi agree on {excluded.Count(e => e.EndsWith("; agrees", StringComparison.Ordinal))}:");
        foreach (var line in excluded.Order(StringComparer.Ordinal))
            output.WriteLine("  " + line);
        Assert.True(rate >= 0.99, $"agreement {rate:P2} is below 99%; first disagreements:\n" + string.Join("\n", disagreements.Order(StringComparer.Ordinal).Take(20)));
    }

    private static string? Compare(string abc2midi, string text, string work)
    {
        var document = AbcParser.Parse(text);
        var tune = document.Tunes.FirstOrDefault();
        if (tune is null)
            return "no tune";
        var ours = AbcInterpreter.Interpret(tune).Voices.Where(v => v.Bars.Count > 0).ToList();
        var theirs = Abc2Midi.BarDurations(abc2midi, Abc2Midi.PlainBarlines(text), work);
        if (theirs is null)
            return "abc2midi wrote no barloc.txt";
        // abc2midi renumbers voices ("V:5 out of sequence, treating as V:2") and adds tracks for lyrics, so each
        // voice is matched with a distinct track holding exactly its bar list.
        var unused = theirs.ToList();
        foreach (var voice in ours)
        {
            var expected = Expected(voice);
            var match = unused.FindIndex(track => Agrees(expected, track));
            if (match >= 0)
            {
                unused.RemoveAt(match);
                continue;
            }
            var closest = unused.Count == 0 ? [] : unused.MaxBy(track => CommonPrefix(expected, track))!;
            var at = CommonPrefix(expected, closest);
            return at < Math.Min(expected.Count, closest.Count)
                ? $"voice {voice.Id} bar {at + 1}: abc2midi {closest[at]}, engine {expected[at]} (numerator of the bar's length in meter units)"
                : $"voice {voice.Id}: abc2midi counts {closest.Count} bars, the engine {expected.Count}";
        }
        return null;
    }

    /// <summary>
    /// What barloc.txt should hold for a voice: per bar, the numerator of its length in time units (meter
    /// denominators), reduced: 3 for a full 3/4 bar, 1 for a 1/16 pickup in 4/4 (1/4 unit), 25 for 25/8 units.
    /// abc2midi records neither empty bars nor a last bar that no bar line closes, and at most 1024 bars.
    /// </summary>
    private static List<decimal> Expected(AbcVoice voice)
    {
        var bars = voice.Bars.Where(b => !b.Duration.IsZero).ToList();
        if (bars.Count > 0 && bars[^1].Barline is null)
            bars.RemoveAt(bars.Count - 1);
        return bars.Take(1024).Select(b => (decimal)(b.Duration * b.Meter.Denominator).Numerator).ToList();
    }

    private static bool Agrees(List<decimal> expected, List<decimal> track) =>
        track.Count >= expected.Count && (track.Count == expected.Count || expected.Count == 1024)
        && CommonPrefix(expected, track) == expected.Count;

    private static int CommonPrefix(List<decimal> a, List<decimal> b)
    {
        var n = 0;
        while (n < a.Count && n < b.Count && a[n] == b[n])
            n++;
        return n;
    }
}
