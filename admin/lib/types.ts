export type Connection = 'connected_personal' | 'connected_shared' | 'not_connected' | 'not_required';

export interface ProfileTool {
  module: string;
  tool: string;
  description: string;
  dangerous: boolean;
  read_only: boolean;
  deprecated: boolean;
  service: string | null;
  connection: Connection;
}

export interface ProfileService {
  module: string;
  display_name: string;
  service: string | null;
  auth_types: ('token' | 'oauth2')[];
  token_fields: { name: string; label: string; secret: boolean }[];
  token_help_url: string | null;
  connection: Connection;
  kind: 'token' | 'oauth2' | null;
  expires_at: string | null;
  needs_reauth: boolean;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  is_default: boolean;
  enabled_modules: string[];
  tool_masks: Record<string, string[]>;
}

export interface User {
  id: string;
  email: string;
  display_name: string | null;
  system_role: 'admin' | 'user';
  created_at?: string | null;
}

export interface RegistryModule {
  name: string;
  display_name: string;
  description: string;
  api_version: string;
  package_name: string | null;
  package_version: string | null;
  status: 'stable' | 'deprecated' | 'broken';
  load_error: string | null;
  last_verified_at: string | null;
  notes: string | null;
}

export interface CatalogModule {
  name: string;
  display_name: string;
  description: string;
  service: string | null;
  tools: { name: string; description: string; dangerous: boolean; read_only: boolean }[];
}

export interface AccessRequest {
  id: string;
  user_id: string;
  user_email: string;
  module: string;
  note: string;
  status: 'pending' | 'approved' | 'declined';
  role_id: string | null;
  role_name: string | null;
  reason: string | null;
  created_at: string | null;
  decided_at: string | null;
}
