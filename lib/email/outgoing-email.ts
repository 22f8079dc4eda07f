export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}
