export function postgresSchema(text: string): string;
export function generateClients(opts?: { force?: boolean }): boolean;
