using NotaGen.Web.Settings;

namespace NotaGen.Web.Pieces;

/// <summary>
/// Finished pieces by server-made id, the newest <see cref="ServerSettings.MaxPieces"/> kept: a request names a piece
/// only by an id this store handed out, never by anything that reaches the file system.
/// </summary>
public sealed class PieceStore(ServerSettings settings)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, WebPiece> _pieces = [];
    private readonly Queue<string> _order = new();

    public void Add(WebPiece piece)
    {
        lock (_gate)
        {
            _pieces[piece.Id] = piece;
            _order.Enqueue(piece.Id);
            while (_order.Count > settings.MaxPieces)
                _pieces.Remove(_order.Dequeue());
        }
    }

    public WebPiece? Find(string id)
    {
        lock (_gate)
            return _pieces.GetValueOrDefault(id);
    }

    /// <summary>Bytes the kept pieces hold (<see cref="WebPiece.Bytes"/>).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
                return _pieces.Values.Sum(p => p.Bytes);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _pieces.Count;
        }
    }
}
