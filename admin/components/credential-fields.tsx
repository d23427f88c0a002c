import { inputClass } from '@/components/states';

/** One field of a service's token form: the token itself, or one the plugin declares (e.g. Atlassian's email). */
export interface CredentialField {
  name: string;
  label: string;
  secret: boolean;
}

/** The inputs of a token form (connect modal, a role's shared credential), all required, secrets masked. */
export function CredentialFields({
  fields,
  values,
  onChange,
}: {
  fields: readonly CredentialField[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  return (
    <>
      {fields.map((field) => (
        <label key={field.name} className="block">
          <span className="mb-1 block text-sm font-medium">{field.label}</span>
          <input
            className={inputClass}
            name={field.name}
            type={field.secret ? 'password' : 'text'}
            autoComplete="off"
            required
            value={values[field.name] ?? ''}
            onChange={(event) => onChange({ ...values, [field.name]: event.target.value })}
          />
        </label>
      ))}
    </>
  );
}
