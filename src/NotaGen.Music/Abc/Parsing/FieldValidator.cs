using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Abc.Parsing;

/// <summary>Parses the fields whose values carry music (K M L Q V) while reading, so their errors are reported with a position.</summary>
internal static class FieldValidator
{
    public static void Check(char letter, string value, AbcPosition position, DiagnosticBag diagnostics)
    {
        string? error = null;
        switch (letter)
        {
            case 'K':
                KeySignature.Parse(value, out error);
                break;
            case 'M':
                Meter.Parse(value, out error);
                break;
            case 'L':
                UnitLength.Parse(value, out error);
                break;
            case 'Q':
                Tempo.Parse(value, out error);
                break;
            case 'V':
                VoiceDefinition.Parse(value, out error);
                break;
        }
        if (error is not null)
            diagnostics.Error(position, error);
    }
}
