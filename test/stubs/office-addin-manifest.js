// office-addin-mock needs only this enum from office-addin-manifest, whose ESM-only dependency chain
// (strip-bom@5) Jest on Node 20 cannot load. See shared/engineering/OFFICE-ADDIN-NOTES.md §2.5.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
