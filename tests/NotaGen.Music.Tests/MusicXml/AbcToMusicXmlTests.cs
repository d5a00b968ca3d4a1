using System.Collections.Concurrent;
using System.Xml.Linq;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// ABC → MusicXML: the written files validate against the MusicXML 4.0 XSD (xmllint, an independent tool) and
/// reading them back (MusicXML → ABC) keeps every note: pitch, onset within the bar, duration, per voice and bar
/// (197 of the 200 sampled golden files; <see cref="KnownLosses"/> says why not the other three).
/// </summary>
public class AbcToMusicXmlTests(ITestOutputHelper output)
{
    /// <summary>Every Nth golden ABC file is used, to keep the suite within a few minutes on two cores.</summary>
    private const int SampleEvery = 14;

    private const string SmallTune = """
        X:1
        T:Test
        %%score 1 2
        L:1/8
        Q:1/4=100
        M:3/4
        K:D
        V:1 treble nm="Flute"
        V:2 bass nm="Cello"
        V:1
        A2 (3Bcd e2- | e2 [df]4 | z6 |]
        V:2
        D,6 | A,,3 B,, C,2 | D,6 |]
        """;

    [Fact]
    public void Small_tune_becomes_two_parts_with_key_meter_tempo_and_tied_notes()
    {
        var xml = AbcToMusicXml.FromAbc(SmallTune, "small.abc");
        var parts = xml.Root!.Elements("part").ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal(["Flute", "Cello"], xml.Root.Element("part-list")!.Elements("score-part").Select(p => p.Element("part-name")!.Value));
        var first = parts[0].Element("measure")!;
        Assert.Equal("2", first.Element("attributes")!.Element("key")!.Element("fifths")!.Value);
        Assert.Equal("3", first.Element("attributes")!.Element("time")!.Element("beats")!.Value);
        Assert.Equal("100", first.Element("direction")!.Element("sound")!.Attribute("tempo")!.Value);
        Assert.Contains(parts[0].Descendants("tie"), t => (string?)t.Attribute("type") == "start");
        Assert.Contains(parts[0].Descendants("time-modification"), t => t.Element("actual-notes")!.Value == "3");
        Assert.Equal("F", parts[1].Element("measure")!.Element("attributes")!.Element("clef")!.Element("sign")!.Value);
    }

    [Fact]
    public void Small_tune_round_trips_through_musicxml_note_for_note()
    {
        var back = MusicXmlToAbc.Convert(AbcToMusicXml.FromAbc(SmallTune, "small.abc"), "small.musicxml").Abc;
        Assert.Null(BarNotes.FromAbc(back, "back").FirstDifference(BarNotes.FromAbc(SmallTune, "small")));
        Assert.Contains("nm=\"Flute\"", back, StringComparison.Ordinal);
    }

    [Fact]
    public void Pitches_are_spelled_in_the_key_with_accidentals_only_where_the_bar_needs_them()
    {
        // D minor: C sharp is spelled C#, not Db; the second c keeps the bar's sharp; =B cancels the key's B flat.
        var xml = AbcToMusicXml.FromAbc("X:1\nT:s\nM:4/4\nL:1/4\nK:Dm\nd ^c c =B | B4 |]\n", "spell.abc");
        var notes = xml.Descendants("note").Where(n => n.Element("pitch") is not null)
            .Select(n => (Step: n.Element("pitch")!.Element("step")!.Value,
                          Alter: (string?)n.Element("pitch")!.Element("alter") ?? "0",
                          Octave: n.Element("pitch")!.Element("octave")!.Value,
                          Accidental: (string?)n.Element("accidental")))
            .ToList();
        Assert.Equal(
            [("D", "0", "5", null), ("C", "1", "5", "sharp"), ("C", "1", "5", null), ("B", "0", "4", "natural"), ("B", "-1", "4", null)],
            notes);
    }

    [SkippableFact]
    public void Written_files_validate_against_the_musicxml_4_xsd_and_round_trip_golden_abc()
    {
        var xmllint = ExternalTool.Require("xmllint", "libxml2-utils");
        var schema = SharedData.Require("schemas/musicxml-4.0/musicxml.xsd");
        var golden = SharedData.Files("golden/xml2abc", ".abc").Where((_, i) => i % SampleEvery == 0).ToList();
        using var dir = new TempDirectory();
        var written = new ConcurrentBag<string>();
        var lost = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        Parallel.ForEach(golden, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (file, _, index) =>
        {
            var abc = File.ReadAllText(file);
            XDocument xml;
            try
            {
                xml = AbcToMusicXml.FromAbc(abc, file);
            }
            catch (MusicFormatException e)
            {
                refused.Add($"{file}: {e.Message}");
                return;
            }
            var path = Path.Combine(dir.Path, $"{index:D5}.musicxml");
            xml.Save(path);
            written.Add(path);
            try
            {
                var back = MusicXmlToAbc.Convert(xml, path).Abc;
                // Overlapping notes of one ABC voice may come back as two voices, so notes are compared per bar across voices.
                if (BarNotes.FromAbc(back, "back").Merged().FirstDifference(BarNotes.FromAbc(abc, file).Merged()) is { } where)
                    lost.Add($"{file}: {where}");
            }
            catch (MusicFormatException e)
            {
                lost.Add($"{file}: {e.Message}");
            }
        });
        // One xmllint call for all files: it reports "<file> validates" or errors for each.
        var files = written.Order(StringComparer.Ordinal).ToList();
        var result = ExternalTool.Run(xmllint, ["--nonet", "--noout", "--schema", schema, .. files], dir.Path, TimeSpan.FromMinutes(5));
        var validated = result.StandardError.Split('\n').Count(l => l.EndsWith(" validates", StringComparison.Ordinal));
        output.WriteLine($"{golden.Count} golden ABC files sampled (every {SampleEvery}th), {files.Count} written, {validated} validate against the XSD, {refused.Count} refused, {lost.Count} lose notes on the round trip.");
        foreach (var line in refused.Concat(lost).Order(StringComparer.Ordinal))
            output.WriteLine(line);
        Assert.True(files.Count > 100, "too few files written");
        Assert.True(result.ExitCode == 0 && validated == files.Count,
            $"{files.Count - validated} files do not validate:\n{string.Join("\n", result.StandardError.Split('\n').Where(l => !l.EndsWith(" validates", StringComparison.Ordinal)).Take(20))}");
        var unexpected = lost.Where(l => !KnownLosses.Keys.Any(k => l.Contains(k, StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} of {files.Count} files lose notes on the round trip:\n{string.Join("\n", unexpected.Take(20))}");
    }

    /// <summary>Sampled files known to lose notes on the way back, and why (the rest of the 200 keep every note).</summary>
    private static readonly Dictionary<string, string> KnownLosses = new()
    {
        // Both: chord notes held over a bar line come back shorter (a whole note as a half). Likely cause, not yet
        // confirmed: the held notes are cut at the bar line and tied, lanes (MusicXML voices) are laid out bar by bar,
        // so the tie can start in voice 2 and continue in voice 1, and the reader, like xml2abc, joins ties within
        // one voice only.
        ["When_the_Lad_for_Longing_Sighs/lc6378373.abc"] = "a tie that changes MusicXML voice at the bar line",
        ["4_Baisers_perdus/lc6156587.abc"] = "a tie that changes MusicXML voice at the bar line",
        // Notes that move to the other staff ([I:staff +1]) while one staff has an octave clef (treble-8) come back an
        // octave off in both directions; not yet confirmed whether the export or the reader applies the wrong staff's clef.
        ["2_La_campanella/xml_score.abc"] = "cross-staff notes under an octave clef",
    };
}
