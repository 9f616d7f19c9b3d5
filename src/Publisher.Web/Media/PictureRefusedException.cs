namespace Publisher.Web.Media;

/// <summary>Why the library refuses a picture.</summary>
public enum PictureProblem
{
    /// <summary>Its content is not a JPEG, PNG, WebP or GIF picture, whatever its name says.</summary>
    NotAPicture,

    /// <summary>The file is over <see cref="MediaLibrary.MaxBytes"/>.</summary>
    TooHeavy,

    /// <summary>The picture is over <see cref="MediaLibrary.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>Its header is a picture's but its pixels cannot all be decoded (truncated, crafted).</summary>
    Damaged,

    /// <summary>The server was busy with other pictures for longer than an editor should wait.</summary>
    Busy,
}

/// <summary>
/// A picture the library does not take, and why; nothing of it has been stored. The editor's upload hears it
/// (<see cref="MediaLibrary.StageAsync"/>); the library's other callers get an <see cref="InvalidDataException"/>.
/// </summary>
public sealed class PictureRefusedException(PictureProblem problem, string message, int width = 0, int height = 0) : Exception(message)
{
    public PictureProblem Problem { get; } = problem;

    /// <summary>The picture's size as its header declares it, when it was read.</summary>
    public int Width { get; } = width;

    public int Height { get; } = height;
}
