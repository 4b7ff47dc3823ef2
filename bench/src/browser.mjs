export async function browserSections() { return []; }
