namespace NotaGen.Music.Tests.MusicXml;

/// <summary>Small hand-written MusicXML scores for unit tests.</summary>
internal static class MusicXmlFixtures
{
    public static string Score(string measures, string partList = """<score-part id="P1"><part-name>Violin</part-name><part-abbreviation>Vln.</part-abbreviation></score-part>""") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <score-partwise version="4.0">
          <part-list>{partList}</part-list>
          <part id="P1">{measures}</part>
        </score-partwise>
        """;

    public static string Attributes(int divisions = 2, int fifths = 0, string time = "<time><beats>4</beats><beat-type>4</beat-type></time>", string clefs = "<clef><sign>G</sign><line>2</line></clef>", string extra = "") =>
        $"<attributes><divisions>{divisions}</divisions><key><fifths>{fifths}</fifths></key>{time}{extra}{clefs}</attributes>";

    public static string Note(string step, int octave, int duration, string type = "quarter", int? alter = null, string extra = "", int voice = 1, int staff = 0) =>
        $"<note><pitch><step>{step}</step>{(alter is { } a ? $"<alter>{a}</alter>" : "")}<octave>{octave}</octave></pitch><duration>{duration}</duration>{extra}<voice>{voice}</voice><type>{type}</type>{(staff > 0 ? $"<staff>{staff}</staff>" : "")}</note>";

    public static string Rest(int duration, int voice = 1, int staff = 0) =>
        $"<note><rest/><duration>{duration}</duration><voice>{voice}</voice>{(staff > 0 ? $"<staff>{staff}</staff>" : "")}</note>";

    /// <summary>One-part, one-voice C major scale in 4/4 with a tie, a chord, a triplet and an accidental.</summary>
    public static string Scale => Score(
        "<measure number=\"1\">" + Attributes(divisions: 6) +
        "<direction placement=\"above\"><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>96</per-minute></metronome></direction-type><sound tempo=\"96\"/></direction>" +
        Note("C", 4, 6) + Note("D", 4, 6) + Note("E", 4, 6) +
        Note("F", 4, 6, alter: 1, extra: "<tie type=\"start\"/>") +
        "</measure><measure number=\"2\">" +
        Note("F", 4, 6, alter: 1, extra: "<tie type=\"stop\"/>") +
        Note("A", 4, 6) + "<note><chord/><pitch><step>C</step><octave>5</octave></pitch><duration>6</duration><voice>1</voice><type>quarter</type></note>" +
        TripletNote("B", 4, "start") + TripletNote("C", 5, null) + TripletNote("D", 5, "stop") +
        Rest(6) +
        "<barline location=\"right\"><bar-style>light-heavy</bar-style></barline></measure>");

    private static string TripletNote(string step, int octave, string? tuplet) =>
        $"<note><pitch><step>{step}</step><octave>{octave}</octave></pitch><duration>2</duration>" +
        "<voice>1</voice><type>eighth</type><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification>" +
        (tuplet is null ? "" : $"<notations><tuplet type=\"{tuplet}\"/></notations>") + "</note>";

    /// <summary>A piano part: two staves, two voices on the upper staff (with backup), one on the lower.</summary>
    public static string Piano => Score(
        "<measure number=\"1\">" + Attributes(divisions: 1, clefs: "<staves>2</staves><clef number=\"1\"><sign>G</sign><line>2</line></clef><clef number=\"2\"><sign>F</sign><line>4</line></clef>") +
        Note("E", 5, 4, "whole", voice: 1, staff: 1) +
        "<backup><duration>4</duration></backup>" +
        Note("C", 5, 2, "half", voice: 2, staff: 1) + Note("B", 4, 2, "half", voice: 2, staff: 1) +
        "<backup><duration>4</duration></backup>" +
        Note("C", 3, 4, "whole", voice: 5, staff: 2) +
        "</measure>",
        """<score-part id="P1"><part-name>Piano</part-name></score-part>""");
}
