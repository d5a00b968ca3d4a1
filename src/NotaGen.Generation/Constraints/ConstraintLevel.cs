namespace NotaGen.Generation.Constraints;

/// <summary>How much of NotaGen's interleaved format the decoder is held to while it writes (<see cref="ScoreGrammar"/>).</summary>
public enum ConstraintLevel
{
    /// <summary>No mask: the model's own distribution (NotaGen's behaviour).</summary>
    None,

    /// <summary>The header and body syntax of the format (fields, voices, counters, closed groups), bar lengths not checked.</summary>
    Syntax,

    /// <summary>Syntax, and every written voice fills its bar exactly (anacrusis first bar and short last bar shared by all voices).</summary>
    Structure,
}
