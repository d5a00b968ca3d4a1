using System.Xml.Linq;
using NotaGen.Generation.Outputs;
using NotaGen.Music.Midi;

namespace NotaGen.Generation;

/// <summary>Why a piece stopped.</summary>
public enum StopReason
{
    /// <summary>The model wrote the EOS patch: the piece is finished.</summary>
    EndPatch,

    /// <summary>The requested number of bars was written.</summary>
    BarCount,

    /// <summary>Failure: more text than <see cref="GenerationOptions.MaxCharacters"/>.</summary>
    CharacterLimit,

    /// <summary>Failure: longer than <see cref="GenerationOptions.MaxDuration"/>.</summary>
    TimeLimit,

    /// <summary>The patch budget of <see cref="GenerationOptions.MaxPatches"/> was spent.</summary>
    PatchLimit,

    /// <summary>The cancellation token fired.</summary>
    Cancelled,

    /// <summary>Failure: the context filled up before the body started (nothing to keep when streaming on).</summary>
    ContextFull,
}

/// <summary>One generated piece.</summary>
/// <param name="RawText">NotaGen's raw output: prompt lines, header, and the body with <c>[r:]</c> counters, rest-reduced.</param>
/// <param name="Stop">Why generation stopped.</param>
/// <param name="Patches">Patches generated (forced header lines included, discarded attempts not).</param>
/// <param name="Elapsed">Wall time spent on this piece's batch.</param>
/// <param name="StreamRebuilds">How often the context was rebuilt to continue past its length.</param>
public sealed record GeneratedPiece(string RawText, StopReason Stop, int Patches, TimeSpan Elapsed, int StreamRebuilds)
{
    /// <summary>True when the piece ended as the model or the bar control meant it to.</summary>
    public bool Finished => Stop is StopReason.EndPatch or StopReason.BarCount;

    /// <summary>Characters of text generated after the prompt.</summary>
    public int GeneratedCharacters { get; init; }

    /// <summary>The constraint the piece was written under.</summary>
    public Constraints.ConstraintLevel Constraint { get; init; }

    /// <summary>What the model wanted versus what was written (log-probability, mass the mask removed), over sampled characters.</summary>
    public Constraints.ConstraintStatistics Statistics { get; init; } = new();

    /// <summary>The restored ABC (rest_unreduce, prompt lines dropped, X:1), computed on request.</summary>
    public RestoredPiece Restore() => RestoredPiece.From(RawText);

    /// <summary>Restores, parses, and measures bar alignment across voices (<see cref="PieceValidity"/>).</summary>
    public PieceValidity Validity() => PieceValidity.Of(Restore());

    /// <summary>The restored piece as MusicXML; <see cref="NotaGen.Music.MusicFormatException"/> when it cannot be restored or parsed.</summary>
    public XDocument ToMusicXml() => PieceExport.MusicXml(Restore());

    /// <summary>The restored piece as a MIDI file; <see cref="NotaGen.Music.MusicFormatException"/> when it cannot be restored or parsed.</summary>
    public MidiFile ToMidi() => PieceExport.Midi(Restore());
}

/// <summary>A patch as it is accepted: for streaming displays.</summary>
/// <param name="Piece">Index of the piece in the batch.</param>
/// <param name="PatchIndex">0-based count of accepted patches of this piece.</param>
/// <param name="Ids">The 16 ids appended to the context (PAD after EOS).</param>
/// <param name="Text">The characters this patch adds to the piece's text.</param>
/// <param name="InBody">True once the tune body has started.</param>
public sealed record PatchStreamEvent(int Piece, int PatchIndex, IReadOnlyList<int> Ids, string Text, bool InBody);
