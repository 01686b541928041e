import { useState, type FormEvent } from 'react';
import { parseMacAddress } from '../../../../libs/domain/mac-address';
import { RegisterPhoneDocument } from '../api/generated/phones';
import type { NumberForPhone, PhoneModel } from '../api/types';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/field';
import { ErrorMessage, Notice } from '../ui/notice';
import { useStartRequest } from './use-start-request';

/** The server's own rule (libs/domain/mac-address.ts), so the form refuses exactly what the API would. */
export function macProblem(text: string): string | null {
  try {
    parseMacAddress(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const COMPATIBILITY: Record<PhoneModel['compatible'], string> = {
  YES: '',
  SOON: ' — not compatible yet',
  NO: ' — not compatible',
};

export function RegisterPhoneForm({ models, numbers }: { models: PhoneModel[]; numbers: NumberForPhone[] }) {
  const { me } = useSession();
  const phones = models.filter((m) => !m.addOn);
  const firstCompatible = phones.find((m) => m.compatible === 'YES');
  const [modelId, setModelId] = useState(firstCompatible?.id ?? '');
  const [number, setNumber] = useState(numbers[0]?.number ?? '');
  const [mac, setMac] = useState('');
  const [macTouched, setMacTouched] = useState(false);
  const [office, setOffice] = useState(me?.office ?? '');
  const [officeError, setOfficeError] = useState<string | null>(null);
  const register = useStartRequest(RegisterPhoneDocument, 'registerPhone');

  const macError = macTouched ? macProblem(mac) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMacTouched(true);
    const problem = macProblem(mac);
    const officeProblem = office.trim() === '' ? 'Say where the phone is, e.g. 513/R-024.' : null;
    setOfficeError(officeProblem);
    // Nothing is sent while the form itself can tell what is wrong.
    if (problem || officeProblem || !modelId || !number) return;
    void register.run({ modelId, number, mac, office });
  };

  return (
    <div className="card">
      <h2 id="register-title">Register a new IP phone</h2>
      {numbers.length === 0 ? (
        <Notice tone="info">
          Every number you own or manage already has a phone, or none is active yet. Get a number first, or
          unregister a phone.
        </Notice>
      ) : (
        <form className="form-grid" aria-labelledby="register-title" onSubmit={submit} noValidate>
          <SelectField
            label="Model"
            value={modelId}
            onChange={(e) => setModelId(e.target.value)}
            hint="Only compatible models can be registered."
          >
            {phones.map((m) => (
              <option key={m.id} value={m.id} disabled={m.compatible !== 'YES'}>
                {`${m.manufacturer} ${m.name}${COMPATIBILITY[m.compatible]}`}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            hint="Your numbers without a phone."
          >
            {numbers.map((n) => (
              <option key={n.number} value={n.number}>
                {`${n.number} — ${n.type === 'PERSONAL' ? 'personal' : (n.description ?? 'shared')}`}
              </option>
            ))}
          </SelectField>
          <TextField
            label="MAC address"
            value={mac}
            onChange={(e) => {
              setMac(e.target.value);
              setMacTouched(true);
            }}
            error={macError}
            hint="On the label under the phone; any notation: 00:04:F2:A1:B2:C3, 0004.f2a1.b2c3 …"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
          />
          <TextField
            label="Office"
            value={office}
            onChange={(e) => setOffice(e.target.value)}
            error={officeError}
            hint="Building/floor-room, e.g. 513/R-024."
            maxLength={64}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={register.busy}>
              Register the phone
            </Button>
          </div>
          <ErrorMessage error={register.error} />
        </form>
      )}
    </div>
  );
}
