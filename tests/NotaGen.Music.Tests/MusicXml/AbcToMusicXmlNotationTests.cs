using System.Xml.Linq;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// ABC → MusicXML, one notation at a time: parts and staves from %%score, instruments, slurs, grace notes, dynamics,
/// wedges, decorations, tempo, text, bar lines, repeats, endings and mid-piece changes, each from a hand-written tune
/// with the exact elements it must give. Every fixture's file also validates against the MusicXML 4.0 XSD.
/// </summary>
public class AbcToMusicXmlNotationTests
{
    private static string Tune(string body, string header = "M:4/4\nL:1/4\nK:C\n") => $"X:1\nT:t\n{header}{body}\n";

    private static readonly string Piano = Tune("""
        V:1
        c2 e2 | g4 |]
        V:2
        C4 | E4 |]
        V:3
        C,4 | G,,4 |]
        V:4
        A4 | B4 |]
        """, """
        %%score { ( 1 2 ) | 3 } 4
        M:4/4
        L:1/4
        K:C
        V:1 treble nm="Piano" snm="Pno."
        V:2 treble
        V:3 bass
        V:4 treble nm="Violin" snm="Vln."

        """);

    private static readonly string Slurs = Tune("(AB c) ((de) f) | (g a) b2 |]");
    private static readonly string Graces = Tune("{g}A {/ag}B c d |]");
    private static readonly string Dynamics = Tune("!p! A !<(! B c !<)! d | !ff! e !>(! f g !>)! a |]");
    private static readonly string Decorations = Tune(".A !accent!B !tenuto!c !fermata!d | TA ~B Mc Pd | ue vf !turn!g !arpeggio![ce]|]");
    private static readonly string TempoAndText = Tune("\"^dolce\" A \"_cresc.\" B c d |]", "M:4/4\nL:1/4\nQ:\"Allegro\" 3/8=60\nK:C\n");
    private static readonly string Barlines = Tune("|: A B c d :|: e f g a |1 b4 :|2 c'4 || d4 |]");
    private static readonly string Changes = Tune("A B c d | [K:D][M:3/4] f e d | [K:bass] D, E, F, | G, A,2 [K:treble] |]");
    private static readonly string Rests = Tune("z2 z A |]");

    private static XDocument Xml(string abc) => AbcToMusicXml.FromAbc(abc, "fixture.abc");

    private static List<XElement> Notes(XElement scope) => scope.Descendants("note").ToList();

    [Fact]
    public void Braced_voices_make_one_part_with_two_staves_voices_and_backups()
    {
        var xml = Xml(Piano);
        var parts = xml.Root!.Elements("part").ToList();
        Assert.Equal(2, parts.Count);
        var scoreParts = xml.Root.Element("part-list")!.Elements("score-part").ToList();
        Assert.Equal(["Piano", "Violin"], scoreParts.Select(p => p.Element("part-name")!.Value));
        Assert.Equal(["Pno.", "Vln."], scoreParts.Select(p => p.Element("part-abbreviation")!.Value));
        // General MIDI programs, 1-based in MusicXML: piano 1, violin 41 (the same choice as the MIDI export).
        Assert.Equal(["1", "41"], scoreParts.Select(p => p.Element("midi-instrument")!.Element("midi-program")!.Value));
        Assert.Equal(["P1-I1", "P2-I1"], scoreParts.Select(p => (string)p.Element("score-instrument")!.Attribute("id")!));

        var first = parts[0].Element("measure")!;
        var attributes = first.Element("attributes")!;
        Assert.Equal(["divisions", "key", "time", "staves", "clef", "clef"], attributes.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("2", attributes.Element("staves")!.Value);
        Assert.Equal([("1", "G"), ("2", "F")], attributes.Elements("clef").Select(c => ((string)c.Attribute("number")!, c.Element("sign")!.Value)));
        // Voice 1 and 2 share staff 1 (different MusicXML voices), voice 3 is on staff 2; a backup before each next voice.
        Assert.Equal(
            ["note 1/1 C5", "note 1/1 E5", "backup", "note 2/1 C4", "backup", "note 3/2 C3"],
            first.Elements().Where(e => e.Name != "attributes").Select(e => e.Name == "backup" ? "backup"
                : $"note {e.Element("voice")!.Value}/{e.Element("staff")!.Value} {e.Element("pitch")!.Element("step")!.Value}{e.Element("pitch")!.Element("octave")!.Value}"));
        Assert.Equal(["4", "4"], first.Elements("backup").Select(b => b.Element("duration")!.Value));
        Assert.Null(parts[1].Element("measure")!.Element("attributes")!.Element("staves"));
        Assert.Empty(parts[1].Descendants("staff"));
    }

    [Fact]
    public void Slurs_start_and_stop_on_the_notes_they_enclose_numbered_by_nesting()
    {
        var slurs = Notes(Xml(Slurs).Root!)
            .SelectMany(n => n.Descendants("slur").Select(s => $"{n.Element("pitch")!.Element("step")!.Value}:{s.Attribute("type")!.Value}{s.Attribute("number")!.Value}"))
            .ToList();
        // A slur is written when it closes, so the inner one on d comes first.
        Assert.Equal(["A:start1", "C:stop1", "D:start2", "D:start1", "E:stop2", "F:stop1", "G:start1", "A:stop1"], slurs);
    }

    [Fact]
    public void Grace_notes_come_before_their_note_without_duration()
    {
        var notes = Notes(Xml(Graces).Root!);
        var graces = notes.Where(n => n.Element("grace") is not null).ToList();
        Assert.Equal(3, graces.Count);
        Assert.All(graces, g => Assert.Null(g.Element("duration")));
        Assert.Equal(["grace", "pitch", "voice", "type"], graces[0].Elements().Select(e => e.Name.LocalName));
        Assert.Null(graces[0].Element("grace")!.Attribute("slash"));
        Assert.Equal("yes", (string?)graces[1].Element("grace")!.Attribute("slash"));
        Assert.Equal(["G5 grace", "A4", "A5 grace", "G5 grace", "B4", "C5", "D5"],
            notes.Select(n => n.Element("pitch")!.Element("step")!.Value + n.Element("pitch")!.Element("octave")!.Value + (n.Element("grace") is null ? "" : " grace")));
    }

    [Fact]
    public void Dynamics_and_wedges_are_directions_before_the_note_they_stand_at()
    {
        var measures = Xml(Dynamics).Root!.Element("part")!.Elements("measure").ToList();
        string Show(XElement e) => e.Name == "note" ? e.Element("pitch")!.Element("step")!.Value
            : e.Descendants("dynamics").Any() ? "dyn:" + e.Descendants("dynamics").Single().Elements().Single().Name
            : "wedge:" + e.Descendants("wedge").Single().Attribute("type")!.Value;
        Assert.Equal(["dyn:p", "A", "wedge:crescendo", "B", "C", "wedge:stop", "D"],
            measures[0].Elements().Where(e => e.Name != "attributes").Select(Show));
        Assert.Equal(["dyn:ff", "E", "wedge:diminuendo", "F", "G", "wedge:stop", "A"],
            measures[1].Elements().Where(e => e.Name != "barline").Select(Show));
        Assert.All(measures[0].Elements("direction"), d => Assert.Equal("below", (string?)d.Attribute("placement")));
    }

    [Fact]
    public void Decorations_become_articulations_ornaments_technical_marks_fermatas_and_arpeggios()
    {
        var marks = Notes(Xml(Decorations).Root!)
            .Select(n => string.Join(",", n.Element("notations")?.Descendants().Where(d => !d.HasElements).Select(d => d.Name.LocalName) ?? []))
            .ToList();
        Assert.Equal(
            ["staccato", "accent", "tenuto", "fermata", "trill-mark", "turn", "mordent", "inverted-mordent", "up-bow", "down-bow", "turn", "arpeggiate", "arpeggiate"],
            marks);
        var first = Notes(Xml(Decorations).Root!)[0];
        Assert.Equal(["pitch", "duration", "voice", "type", "notations"], first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("articulations", first.Element("notations")!.Elements().Single().Name.LocalName);
    }

    [Fact]
    public void Tempo_is_a_metronome_mark_with_its_text_and_a_playback_tempo_in_quarters_and_annotations_are_words()
    {
        var measure = Xml(TempoAndText).Root!.Element("part")!.Element("measure")!;
        var directions = measure.Elements("direction").ToList();
        var tempo = directions[0];
        Assert.Equal("Allegro", tempo.Elements("direction-type").First().Element("words")!.Value);
        var metronome = tempo.Descendants("metronome").Single();
        Assert.Equal(["beat-unit", "beat-unit-dot", "per-minute"], metronome.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("quarter", metronome.Element("beat-unit")!.Value);
        Assert.Equal("60", metronome.Element("per-minute")!.Value);
        Assert.Equal("90", (string?)tempo.Element("sound")!.Attribute("tempo")); // 3/8 = 60 is 90 quarters a minute
        Assert.Equal([("above", "dolce"), ("below", "cresc.")],
            directions.Skip(1).Select(d => ((string)d.Attribute("placement")!, d.Descendants("words").Single().Value)));
    }

    [Fact]
    public void Bar_lines_repeats_and_endings_are_barline_elements()
    {
        var measures = Xml(Barlines).Root!.Element("part")!.Elements("measure").ToList();
        static string Show(XElement? barline) => barline is null ? "-" : string.Join(" ",
            barline.Elements().Select(e => e.Name.LocalName switch
            {
                "bar-style" => e.Value,
                "repeat" => "repeat-" + e.Attribute("direction")!.Value,
                "ending" => $"ending{e.Attribute("number")!.Value}-{e.Attribute("type")!.Value}",
                _ => e.Name.LocalName,
            }));
        XElement? At(XElement measure, string location) => measure.Elements("barline").SingleOrDefault(b => (string?)b.Attribute("location") == location);
        Assert.Equal(5, measures.Count);
        Assert.Equal(["heavy-light repeat-forward", "heavy-light repeat-forward", "ending1-start", "ending2-start", "-"], measures.Select(m => Show(At(m, "left"))));
        Assert.Equal(["light-heavy repeat-backward", "-", "light-heavy ending1-stop repeat-backward", "light-light ending2-discontinue", "light-heavy"], measures.Select(m => Show(At(m, "right"))));
        // The schema wants the left bar line before the notes and the right one after them.
        Assert.Equal("barline", measures[2].Elements().First(e => e.Name != "attributes").Name.LocalName);
        Assert.Equal("barline", measures[2].Elements().Last().Name.LocalName);
    }

    [Fact]
    public void Key_meter_and_clef_change_mid_piece()
    {
        var measures = Xml(Changes).Root!.Element("part")!.Elements("measure").ToList();
        var second = measures[1].Element("attributes")!;
        Assert.Equal("2", second.Element("key")!.Element("fifths")!.Value);
        Assert.Equal("3", second.Element("time")!.Element("beats")!.Value);
        Assert.Null(second.Element("clef"));
        Assert.Equal("F", measures[2].Element("attributes")!.Element("clef")!.Element("sign")!.Value);
        // [K:treble] after the bar's last note changes the clef inside the bar, after its notes.
        Assert.Equal(["note", "note", "attributes", "barline"], measures[3].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("G", measures[3].Element("attributes")!.Element("clef")!.Element("sign")!.Value);
    }

    [Fact]
    public void Rests_are_written_as_the_voice_wrote_them()
    {
        var notes = Notes(Xml(Rests).Root!);
        Assert.Equal(["rest half", "rest quarter", "A quarter"],
            notes.Select(n => (n.Element("rest") is null ? n.Element("pitch")!.Element("step")!.Value : "rest") + " " + n.Element("type")!.Value));
    }

    [SkippableFact]
    public void Every_fixture_validates_against_the_musicxml_4_xsd()
    {
        var xmllint = ExternalTool.Require("xmllint", "libxml2-utils");
        var schema = SharedData.Require("schemas/musicxml-4.0/musicxml.xsd");
        using var dir = new TempDirectory();
        string[] fixtures = [Piano, Slurs, Graces, Dynamics, Decorations, TempoAndText, Barlines, Changes, Rests];
        var files = fixtures.Select((abc, i) =>
        {
            var path = dir.File($"fixture{i}.musicxml");
            Xml(abc).Save(path);
            return path;
        }).ToList();
        var result = ExternalTool.Run(xmllint, ["--nonet", "--noout", "--schema", schema, .. files], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(files.Count, result.StandardError.Split('\n').Count(l => l.EndsWith(" validates", StringComparison.Ordinal)));
    }
}
