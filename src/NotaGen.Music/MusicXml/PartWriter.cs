using System.Globalization;
using System.Xml.Linq;
using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Semantics;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Writes one MusicXML part: its ABC voices measure by measure (a <c>&lt;backup&gt;</c> between voices), with the
/// part's divisions, key, meter, staves and clefs per staff in <c>&lt;attributes&gt;</c> where they change, and the
/// bar lines, repeats and endings of its first voice.
/// </summary>
internal sealed class PartWriter(AbcTuneSemantics tune, PartLayout layout, string partId, IReadOnlyList<long> divisions, bool carriesTempo, int firstVoiceIndex)
{
    public XElement Write(CancellationToken cancel)
    {
        var staves = layout.Staves.Count;
        var voices = layout.Voices.ToList();
        var extraNumbers = new Dictionary<(int Voice, int Lane), string>();
        var writers = new List<VoicePartWriter>();
        var staffOwners = new List<VoicePartWriter>();
        var index = 0;
        for (var s = 0; s < staves; s++)
        {
            for (var v = 0; v < layout.Staves[s].Count; v++)
            {
                var voiceIndex = index++;
                string Extra(int lane)
                {
                    // Overlapping notes of a voice get voice numbers after the part's main ones, the same in every measure.
                    if (!extraNumbers.TryGetValue((voiceIndex, lane), out var number))
                        extraNumbers[(voiceIndex, lane)] = number = (voices.Count + extraNumbers.Count + 1).ToString(CultureInfo.InvariantCulture);
                    return number;
                }
                var writer = new VoicePartWriter(new VoiceWriterSettings(tune, layout.Staves[s][v], divisions, s + 1, staves,
                    (voiceIndex + 1).ToString(CultureInfo.InvariantCulture), Extra, OwnsClef: v == 0, CarriesTempo: carriesTempo && voiceIndex == 0,
                    SpanNumber: (firstVoiceIndex + voiceIndex) % 16 + 1,
                    StaffClef: (staff, bar, time) => staffOwners[staff - 1].ClefAtTime(bar, time)));
                writers.Add(writer);
                if (v == 0)
                    staffOwners.Add(writer);
            }
        }
        var measures = writers.Max(w => w.BarCount);
        var bars = writers.Select(w => w.Write(measures, cancel)).ToList();
        var reference = voices[0];
        var barlines = BarlineNotation.ForVoice(reference, measures);

        var part = new XElement("part", new XAttribute("id", partId));
        Meter? meter = null;
        int? fifths = null;
        var clefs = new string?[staves];
        for (var i = 0; i < measures; i++)
        {
            var measure = new XElement("measure", new XAttribute("number", (i + 1).ToString(CultureInfo.InvariantCulture)));
            var attributes = new XElement("attributes");
            if (i == 0 || divisions[i] != divisions[i - 1])
                attributes.Add(new XElement("divisions", divisions[i]));
            var key = writers[0].KeyAt(i);
            if (fifths != key.Fifths)
            {
                fifths = key.Fifths;
                attributes.Add(new XElement("key", new XElement("fifths", key.Fifths), new XElement("mode", key.Mode is "major" or "minor" ? key.Mode : "none")));
            }
            var bar = i < reference.Bars.Count ? reference.Bars[i] : null;
            if (bar is not null && !bar.Meter.IsFree && bar.Meter != meter)
            {
                meter = bar.Meter;
                attributes.Add(new XElement("time", new XElement("beats", meter.Numerator), new XElement("beat-type", meter.Denominator)));
            }
            if (i == 0 && staves > 1)
                attributes.Add(new XElement("staves", staves));
            for (var s = 0; s < staves; s++)
            {
                var clef = staffOwners[s].ClefAt(i) ?? "treble";
                if (i == 0 || clef != clefs[s])
                    attributes.Add(ClefNotation.Element(clef, staves > 1 ? s + 1 : 0));
                clefs[s] = clef;
            }
            if (attributes.HasElements)
                measure.Add(attributes);
            if (barlines[i].Left is { } left)
                measure.Add(left);
            long previousEnd = 0;
            foreach (var voiceBars in bars)
            {
                var content = voiceBars[i];
                if (content.Content.Count == 0)
                    continue;
                if (previousEnd > 0)
                    measure.Add(new XElement("backup", new XElement("duration", previousEnd)));
                measure.Add(content.Content);
                previousEnd = content.End;
            }
            if (barlines[i].Right is { } right)
                measure.Add(right);
            part.Add(measure);
            // A clef change inside a bar holds for the next bar too.
            for (var s = 0; s < staves; s++)
                clefs[s] = staffOwners[s].ClefAt(i, atEnd: true) ?? clefs[s];
        }
        return part;
    }
}
