using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Writes an ABC tune as MusicXML 4.0 partwise from what the ABC engine hears: one part per ABC voice (named by
/// <c>nm=</c>), one measure per bar, clef, key, meter and tempo, chords, notes tied across bar lines, tuplets as
/// time modifications, and overlapping notes of one voice as extra MusicXML voices. Pitches are the sounding pitches.
/// </summary>
public static class AbcToMusicXml
{
    /// <summary>Largest divisions per quarter note written; finer rhythms than this are refused.</summary>
    private const long MaxDivisions = 1L << 20;

    public static XDocument FromAbc(string abc, string fileName = "<input>")
    {
        var document = AbcParser.Parse(abc, fileName);
        if (document.Tunes.Count == 0)
            throw new MusicFormatException(fileName, "", "no tune (X:) in the ABC text");
        return FromSemantics(AbcInterpreter.Interpret(document.Tunes[0], fileName), fileName);
    }

    /// <summary>Writes <paramref name="abc"/> as <c>.musicxml</c>/<c>.xml</c> text or as a compressed <c>.mxl</c>, by extension.</summary>
    public static void WriteFile(string abc, string path, string fileName = "<input>")
    {
        var xml = FromAbc(abc, fileName);
        var temp = path + ".tmp";
        if (path.EndsWith(".mxl", StringComparison.OrdinalIgnoreCase))
        {
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                using (var w = new StreamWriter(zip.CreateEntry("META-INF/container.xml").Open(), new UTF8Encoding(false)))
                    w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container><rootfiles><rootfile full-path=\"score.musicxml\" media-type=\"application/vnd.recordare.musicxml+xml\"/></rootfiles></container>\n");
                using var s = zip.CreateEntry("score.musicxml").Open();
                Save(xml, s);
            }
        }
        else
        {
            using var s = File.Create(temp);
            Save(xml, s);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void Save(XDocument xml, Stream stream)
    {
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        xml.Save(writer);
    }

    public static XDocument FromSemantics(AbcTuneSemantics tune, string fileName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(tune);
        var voices = tune.Voices.Where(v => v.Bars.Count > 0 || v.Notes.Count > 0).ToList();
        var divisions = Divisions(voices, fileName);
        var partList = new XElement("part-list");
        var parts = new List<XElement>();
        for (var i = 0; i < voices.Count; i++)
        {
            var id = "P" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var voice = voices[i];
            var name = voice.Definition?.Name ?? ("Voice " + voice.Id);
            partList.Add(new XElement("score-part", new XAttribute("id", id),
                new XElement("part-name", name.Replace("\\n", " ", StringComparison.Ordinal)),
                voice.Definition?.ShortName is { } shortName ? new XElement("part-abbreviation", shortName.Replace("\\n", " ", StringComparison.Ordinal)) : null));
            parts.Add(new VoicePartWriter(tune, voice, id, divisions, i == 0).Write());
        }
        var root = new XElement("score-partwise", new XAttribute("version", "4.0"),
            new XElement("identification", new XElement("encoding", new XElement("software", "NotaGen Research Workbench"))),
            partList, parts);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("score-partwise", "-//Recordare//DTD MusicXML 4.0 Partwise//EN", "http://www.musicxml.org/dtds/partwise.dtd", null),
            root);
    }

    /// <summary>Divisions per quarter note that express every onset and duration in the tune exactly.</summary>
    private static long Divisions(List<AbcVoice> voices, string fileName)
    {
        long lcm = 1;
        void Take(Rational wholeNotes)
        {
            var quarters = wholeNotes * 4;
            var d = quarters.Denominator;
            lcm = checked(lcm / Gcd(lcm, d) * d);
            if (lcm > MaxDivisions)
                throw new MusicFormatException(fileName, "", $"rhythms finer than 1/{MaxDivisions} of a quarter note cannot be written as MusicXML divisions");
        }
        foreach (var voice in voices)
        {
            foreach (var bar in voice.Bars)
            {
                Take(bar.Start);
                Take(bar.Duration);
            }
            foreach (var note in voice.Notes)
            {
                Take(note.Onset);
                Take(note.Duration);
            }
        }
        return lcm;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return Math.Abs(a);
    }
}
