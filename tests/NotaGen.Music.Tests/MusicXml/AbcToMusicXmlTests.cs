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
/// (2,794 of the 2,800 golden files; <see cref="KnownLosses"/> says why not the other six).
/// </summary>
public class AbcToMusicXmlTests(ITestOutputHelper output)
{
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
        var golden = SharedData.Files("golden/xml2abc", ".abc").ToList();
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
        output.WriteLine($"{golden.Count} golden ABC files, {files.Count} written, {validated} validate against the XSD, {refused.Count} refused, {lost.Count} lose notes on the round trip.");
        foreach (var line in refused.Concat(lost).Order(StringComparer.Ordinal))
            output.WriteLine(line);
        Assert.True(files.Count > 100, "too few files written");
        Assert.True(result.ExitCode == 0 && validated == files.Count,
            $"{files.Count - validated} files do not validate:\n{string.Join("\n", result.StandardError.Split('\n').Where(l => !l.EndsWith(" validates", StringComparison.Ordinal)).Take(20))}");
        static bool IsAbout(string line, string knownFile) => line.Contains(knownFile, StringComparison.Ordinal);
        var unexpected = lost.Where(l => !KnownLosses.Keys.Any(k => IsAbout(l, k))).Order(StringComparer.Ordinal).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} of {files.Count} files lose notes on the round trip:\n{string.Join("\n", unexpected.Take(20))}");
        Assert.True(refused.IsEmpty, $"{refused.Count} files refused:\n{string.Join("\n", refused.Take(20))}");
        // A known loss that no longer happens is good news: the list must say so, so it stays true.
        var fixedNow = KnownLosses.Keys.Where(k => !lost.Any(l => IsAbout(l, k))).ToList();
        Assert.True(fixedNow.Count == 0, $"these files now keep every note; remove them from KnownLosses: {string.Join(", ", fixedNow)}");
    }

    /// <summary>Golden files known to lose notes on the way back, and why (the other 2,794 keep every note).</summary>
    private static readonly Dictionary<string, string> KnownLosses = new()
    {
        // The golden file ties chords through grace notes ({[DEFAc]-} [DEFAc]6): the ABC engine joins them, a
        // MusicXML tie cannot start on a grace note and end on the main note after it, so the held length is lost.
        ["9_Les_lilas_qui_avaient_fleuri/lc5884544.abc"] = "golden ties through grace notes",
        // Cadenza bars the golden file writes far longer than the meter (bar 131 of a 3/4 piece holds several
        // bars of notes); the last piece of a tie chain past the bar's end does not come back.
        ["Etudes_op_25/5/xml_score.abc"] = "golden cadenza bars overfull",
        ["Preludes_op_32/10/xml_score.abc"] = "golden bar 50 overfull (a note starts at 35/12 of the bar)",
        // Voice 1's notes moved to staff 2 ([I:staff +1]) while staff 2 has a treble-8 clef come back an octave
        // off (bars 121-122): the writer applies staff 2's octave clef, the reader does not undo it for voice 1.
        ["2_La_campanella/xml_score.abc"] = "cross-staff notes onto an octave-clef staff",
        // Irregular tuplets nested inside each other ((2:3:7 within (1:1:7, lengths of 5/64): the read-back
        // length differs (1/96 for 5/512); cause not established.
        ["3_Une_Barque/xml_score.abc"] = "nested irregular tuplets, cause not established",
        // Triplets nested seven deep (lengths of 16/2187 of a whole) need <actual-notes> past 1000, which readers
        // (ours included, like xml2abc) refuse to honour, so the length is rounded.
        ["Impromptu_op142/3/xml_score.abc"] = "tuplets nested 3^7 deep, past the time-modification limit",
    };
}
