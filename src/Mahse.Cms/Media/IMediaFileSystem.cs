namespace Mahse.Cms.Media;

/// <summary>Where media files live. Physical disk today; a blob store can implement the same contract.</summary>
public interface IMediaFileSystem
{
    Task SaveAsync(string relativePath, Stream content, CancellationToken cancellationToken);

    Stream OpenRead(string relativePath);

    bool Exists(string relativePath);

    void Delete(string relativePath);
}

public sealed class PhysicalMediaFileSystem(string root) : IMediaFileSystem
{
    public string Root { get; } = System.IO.Path.GetFullPath(root);

    public async Task SaveAsync(string relativePath, Stream content, CancellationToken cancellationToken)
    {
        var path = Resolve(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, cancellationToken);
    }

    public Stream OpenRead(string relativePath) => File.OpenRead(Resolve(relativePath));

    public bool Exists(string relativePath) => File.Exists(Resolve(relativePath));

    public void Delete(string relativePath)
    {
        var path = Resolve(relativePath);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Refuses paths that would leave the media root.</summary>
    private string Resolve(string relativePath)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relativePath.TrimStart('/', '\\')));
        if (!full.StartsWith(Root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException("The path leaves the media folder.");
        }

        return full;
    }
}
