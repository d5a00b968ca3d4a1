using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Events;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Writes an ABC tune as MusicXML 4.0 partwise from what the ABC engine hears and the marks it keeps: parts and staves
/// from <c>%%score</c> (named by <c>nm=</c>/<c>snm=</c>, with their General MIDI instrument), one measure per bar,
/// clefs, keys and meters (also changing mid-piece), tempo, chords, rests as written, notes tied across bar lines,
/// tuplets as time modifications, grace notes, slurs, dynamics, wedges, articulations and ornaments, text, bar lines,
/// repeats and endings, and overlapping notes of one voice as extra MusicXML voices. Pitches are the sounding pitches.
/// </summary>
public static class AbcToMusicXml
{

    /// <param name="cancel">Checked as the ABC is parsed and interpreted, and as each measure is written.</param>
    public static XDocument FromAbc(string abc, string fileName = "<input>", CancellationToken cancel = default)
    {
        var document = AbcParser.Parse(abc, fileName, cancel);
        if (document.Tunes.Count == 0)
            throw new MusicFormatException(fileName, "", "no tune (X:) in the ABC text");
        var tune = document.Tunes[0];
        var semantics = AbcInterpreter.Interpret(tune, fileName, cancel);
        return FromSemantics(semantics, fileName, Layout(tune), cancel);
    }

    /// <summary>Writes <paramref name="abc"/> as <c>.musicxml</c>/<c>.xml</c> text or as a compressed <c>.mxl</c>, by extension.</summary>
    public static void WriteFile(string abc, string path, string fileName = "<input>", CancellationToken cancel = default)
    {
        var xml = FromAbc(abc, fileName, cancel);
        cancel.ThrowIfCancellationRequested();
        AtomicFile.Write(path, stream =>
        {
            if (!path.EndsWith(".mxl", StringComparison.OrdinalIgnoreCase))
            {
                Save(xml, stream);
                return;
            }
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var w = new StreamWriter(zip.CreateEntry("META-INF/container.xml").Open(), new UTF8Encoding(false)))
                w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container><rootfiles><rootfile full-path=\"score.musicxml\" media-type=\"application/vnd.recordare.musicxml+xml\"/></rootfiles></container>\n");
            using var entry = zip.CreateEntry("score.musicxml").Open();
            Save(xml, entry);
        });
    }

    private static void Save(XDocument xml, Stream stream)
    {
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        xml.Save(writer);
    }

    /// <summary>
    /// Writes interpreted ABC as MusicXML. <paramref name="layout"/> (the tune's <c>%%score</c>) groups voices into parts
    /// and staves; without it every voice is a part of one staff.
    /// </summary>
    public static XDocument FromSemantics(AbcTuneSemantics tune, string fileName = "<input>", ScoreLayout? layout = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var voices = tune.Voices.Where(v => v.Bars.Count > 0 || v.Notes.Count > 0).ToList();
        var divisions = MeasureDivisions.For(voices, fileName);
        var partList = new XElement("part-list");
        var parts = new List<XElement>();
        var layouts = PartLayout.From(layout, voices);
        var firstVoice = 0;
        for (var i = 0; i < layouts.Count; i++)
        {
            var id = "P" + (i + 1).ToString(CultureInfo.InvariantCulture);
            partList.Add(ScorePart(layouts[i], id, MidiChannel(i)));
            parts.Add(new PartWriter(tune, layouts[i], id, divisions, i == 0, firstVoice).Write(cancel));
            firstVoice += layouts[i].Voices.Count();
        }
        var root = new XElement("score-partwise", new XAttribute("version", "4.0"),
            new XElement("identification", new XElement("encoding", new XElement("software", "NotaGen Research Workbench"))),
            partList, parts);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("score-partwise", "-//Recordare//DTD MusicXML 4.0 Partwise//EN", "http://www.musicxml.org/dtds/partwise.dtd", null),
            root);
    }

    /// <summary>The tune's first <c>%%score</c> (or <c>%%staves</c>) directive, or null.</summary>
    public static ScoreLayout? Layout(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var directive = tune.Header.Concat(tune.Body).OfType<AbcDirectiveLine>().FirstOrDefault(d => d.Name is "score" or "staves");
        return directive is null ? null : ScoreLayout.Parse(directive.Arguments, out _);
    }

    /// <summary>
    /// Part name and abbreviation from the first voice that has <c>nm=</c> / <c>snm=</c>, and the instrument with the
    /// General MIDI program the MIDI export chooses for the same names.
    /// </summary>
    private static XElement ScorePart(PartLayout layout, string id, int channel)
    {
        var voices = layout.Voices.ToList();
        var name = voices.Select(v => v.Definition?.Name).FirstOrDefault(n => n is not null) ?? ("Voice " + voices[0].Id);
        var shortName = voices.Select(v => v.Definition?.ShortName).FirstOrDefault(n => n is not null);
        var program = MidiExporter.ProgramFor(new VoiceInfo(voices[0].Id, name, shortName));
        var instrument = id + "-I1";
        return new XElement("score-part", new XAttribute("id", id),
            new XElement("part-name", OneLine(name)),
            shortName is null ? null : new XElement("part-abbreviation", OneLine(shortName)),
            new XElement("score-instrument", new XAttribute("id", instrument), new XElement("instrument-name", OneLine(name))),
            new XElement("midi-instrument", new XAttribute("id", instrument),
                new XElement("midi-channel", channel),
                new XElement("midi-program", program + 1)));
    }

    private static string OneLine(string name) => name.Replace("\\n", " ", StringComparison.Ordinal);

    /// <summary>1-based MIDI channels in turn, leaving out 10 (General MIDI percussion).</summary>
    private static int MidiChannel(int part)
    {
        var channel = part % 15;
        return channel < 9 ? channel + 1 : channel + 2;
    }
}
