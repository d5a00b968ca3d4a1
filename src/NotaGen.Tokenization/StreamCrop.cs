namespace NotaGen.Tokenization;

/// <summary>Which part of a piece too long for the context a training encoding keeps (reference c, "stream cropping").</summary>
public enum StreamCrop
{
    /// <summary>The piece fits: nothing was cut.</summary>
    None,

    /// <summary>Kept from the first body line on, then truncated at the context length.</summary>
    Head,

    /// <summary>Kept from the earliest body line from which the rest fits (so the piece's end is seen).</summary>
    Tail,

    /// <summary>Kept from a random interior body line, then truncated.</summary>
    Middle,
}

/// <summary>What a training encoding produced and how it was cut.</summary>
/// <param name="Patches">BOS patch, header patches, body patches and (unless truncated away) the EOS patch.</param>
/// <param name="HeaderPatchCount">Patches before the body, the BOS patch included; a crop never removes them.</param>
/// <param name="Crop">The crop applied.</param>
/// <param name="FirstBodyLine">Index of the first body line kept (0 without a crop).</param>
public sealed record TrainingEncoding(IReadOnlyList<Patch> Patches, int HeaderPatchCount, StreamCrop Crop, int FirstBodyLine);
