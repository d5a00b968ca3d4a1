using NotaGen.Generation.Constraints;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// One row's constraint while a patch is written: the cursor (advanced over every character of the row, copied back
/// into the piece only when the patch is kept), how many forced first characters it has already read, and the
/// statistics of what the model wanted.
/// </summary>
internal sealed class RowConstraint(ScoreCursor? cursor, int applied, ConstraintStatistics statistics)
{
    private ScoreCursor _cursor = cursor ?? default;

    public bool Active { get; } = cursor is not null;

    public ScoreCursor Cursor => _cursor;

    public ConstraintStatistics Statistics { get; } = statistics;

    /// <summary>Forced characters of the row's prefix already in the cursor (an open patch's text).</summary>
    public int Applied { get; } = applied;

    /// <summary>Reads a forced character; one the grammar refuses is a bug in the caller's forcing.</summary>
    public void Force(int id, int position)
    {
        if (!Active || position < Applied)
            return;
        if (!_cursor.Advance(id, position))
            throw new InvalidOperationException($"forced character '{(char)id}' (id {id}) at patch position {position} is outside the constraint ({_cursor.Describe()})");
    }

    /// <summary>Fills <paramref name="allowed"/> for the next sampled character; empty span when the row is unconstrained.</summary>
    public Span<bool> Mask(int position, Span<bool> allowed)
    {
        if (!Active)
            return [];
        if (_cursor.Allowed(position, allowed) == 0)
            throw new InvalidOperationException($"the constraint allows no character at patch position {position} ({_cursor.Describe()})");
        return allowed;
    }

    /// <summary>Records and reads a sampled character.</summary>
    public void Sampled(ReadOnlySpan<float> logits, ReadOnlySpan<bool> allowed, int id, int position)
    {
        Statistics.Record(logits, allowed, id);
        if (Active && !_cursor.Advance(id, position))
            throw new InvalidOperationException($"sampled id {id} is outside the constraint ({_cursor.Describe()})");
    }
}
