let phoneOpen = false;

function setPhoneOpen(open: boolean): void {
  phoneOpen = open;
  SetNuiFocus(open, open);
  SendNUIMessage({ type: 'phone:visibility', open });
}

RegisterCommand('phone', () => setPhoneOpen(!phoneOpen), false);
RegisterKeyMapping('phone', 'Open the phone', 'keyboard', 'F1');

RegisterNuiCallback('close', (_data: unknown, cb: (response: { ok: boolean }) => void) => {
  setPhoneOpen(false);
  cb({ ok: true });
});
